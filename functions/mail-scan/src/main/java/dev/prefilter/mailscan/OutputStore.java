package dev.prefilter.mailscan;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Where reports and samples go. Writes are create-only, so that duplicate deliveries cannot overwrite. */
public interface OutputStore {

    /** Opens the bytes again on each call (a retried upload reads them from the start). */
    @FunctionalInterface
    interface Bytes {
        InputStream open() throws IOException;
    }

    /** Stores the object unless one exists under that key; true when this call created it. */
    boolean putIfAbsent(String bucket, String key, String contentType, long size, Bytes bytes);

    /** The object's bytes, or empty when there is none. */
    Optional<byte[]> read(String bucket, String key);
}
