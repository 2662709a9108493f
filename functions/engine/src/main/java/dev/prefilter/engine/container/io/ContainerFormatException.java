package dev.prefilter.engine.container.io;

/** The container's structure is malformed: the reader stops and the analyzer reports what it read. */
public final class ContainerFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public ContainerFormatException(String message) {
        super(message);
    }

    public ContainerFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
