package dev.prefilter.engine.office;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.util.NoSuchElementException;
import org.apache.poi.util.RecordFormatException;

/**
 * POI reports a damaged Compound File or record with a range of unchecked exceptions (seen here
 * with flipped and truncated test documents: NoSuchElementException past a stream's end,
 * BufferUnderflowException in a short header, IndexOutOfBounds, RecordFormatException …). This
 * turns exactly those into an IOException, so that analyzers report a parse finding and keep
 * what they read; anything else (the engine's LimitExceededException included) passes through.
 */
public final class DamagedInput {

    /** A call into a parser that may throw IOException. */
    @FunctionalInterface
    public interface ParserCall<T> {
        T call() throws IOException;
    }

    private DamagedInput() {}

    public static <T> T guard(ParserCall<T> call) throws IOException {
        try {
            return call.call();
        } catch (RecordFormatException
                | IllegalArgumentException
                | IllegalStateException
                | IndexOutOfBoundsException
                | NoSuchElementException
                | BufferUnderflowException
                | NegativeArraySizeException
                | ClassCastException e) {
            throw new IOException(
                    "damaged structure: " + e.getClass().getSimpleName()
                            + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                    e);
        }
    }
}
