package dev.prefilter.review;

import dev.prefilter.mailscan.OutputStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** An output bucket in memory, for the listing logic; create-only writes are atomic as on S3. */
final class MemoryStore implements OutputStore {

    final ConcurrentSkipListMap<String, byte[]> objects = new ConcurrentSkipListMap<>();

    @Override
    public boolean putIfAbsent(String bucket, String key, String contentType, long size, Bytes bytes) {
        try (InputStream in = bytes.open()) {
            return objects.putIfAbsent(key, in.readAllBytes()) == null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Optional<byte[]> read(String bucket, String key) {
        return Optional.ofNullable(objects.get(key));
    }

    @Override
    public void put(String bucket, String key, String contentType, byte[] bytes) {
        objects.put(key, bytes);
    }

    @Override
    public void delete(String bucket, String key) {
        objects.remove(key);
    }

    @Override
    public Page list(String bucket, String prefix, String startAfter, int max) {
        List<String> keys =
                objects.tailMap(startAfter == null ? prefix : startAfter, startAfter == null).keySet().stream()
                        .takeWhile(k -> k.startsWith(prefix))
                        .limit(max + 1L)
                        .toList();
        List<String> page = keys.subList(0, Math.min(max, keys.size()));
        return new Page(page, keys.size() > max ? page.get(page.size() - 1) : null);
    }
}
