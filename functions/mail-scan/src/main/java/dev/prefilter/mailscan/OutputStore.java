package dev.prefilter.mailscan;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;

/**
 * The output bucket: reports, samples, quarantine records, audit records and the allow-list.
 * Everything that must not be written twice is written create-only ({@link #putIfAbsent}); only
 * derived data (the quarantine index) is overwritten or deleted.
 */
public interface OutputStore {

    /** Opens the bytes again on each call (a retried upload reads them from the start). */
    @FunctionalInterface
    interface Bytes {
        InputStream open() throws IOException;
    }

    /** One page of keys in lexical order; {@code next} is where the following page starts, or null at the end. */
    record Page(List<String> keys, String next) {}

    /** Stores the object unless one exists under that key; true when this call created it. */
    boolean putIfAbsent(String bucket, String key, String contentType, long size, Bytes bytes);

    /** The object's bytes, or empty when there is none. */
    Optional<byte[]> read(String bucket, String key);

    /** Stores the object, replacing what is there (derived data only). */
    void put(String bucket, String key, String contentType, byte[] bytes);

    /** Removes the object; nothing happens when it is not there. */
    void delete(String bucket, String key);

    /** Up to {@code max} keys under {@code prefix} after {@code startAfter} (null: from the start). */
    Page list(String bucket, String prefix, String startAfter, int max);
}
