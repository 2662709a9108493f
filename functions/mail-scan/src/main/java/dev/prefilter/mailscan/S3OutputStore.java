package dev.prefilter.mailscan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The output bucket in S3. Create-only writes use {@code If-None-Match: *}: S3 answers 412 when
 * the key exists and 409 while a concurrent conditional write to it is in flight; both mean that
 * another writer got there first, and S3 lets exactly one of several racing writers through.
 */
public final class S3OutputStore implements OutputStore {

    private final S3Client s3;

    public S3OutputStore(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public boolean putIfAbsent(String bucket, String key, String contentType, long size, Bytes bytes) {
        PutObjectRequest request = PutObjectRequest.builder()
                .bucket(bucket)
                .key(key)
                .contentType(contentType)
                .ifNoneMatch("*")
                .build();
        try {
            s3.putObject(
                    request,
                    RequestBody.fromContentProvider(
                            () -> {
                                try {
                                    return bytes.open();
                                } catch (IOException e) {
                                    throw new UncheckedIOException("could not read the bytes to store under " + key, e);
                                }
                            },
                            size,
                            contentType));
            return true;
        } catch (S3Exception e) {
            if (e.statusCode() == 412 || e.statusCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<byte[]> read(String bucket, String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(
                            GetObjectRequest.builder().bucket(bucket).key(key).build())
                    .asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public void put(String bucket, String key, String contentType, byte[] bytes) {
        s3.putObject(p -> p.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    @Override
    public void delete(String bucket, String key) {
        s3.deleteObject(d -> d.bucket(bucket).key(key));
    }

    @Override
    public Page list(String bucket, String prefix, String startAfter, int max) {
        ListObjectsV2Response page = s3.listObjectsV2(
                l -> l.bucket(bucket).prefix(prefix).startAfter(startAfter).maxKeys(Math.min(1000, Math.max(1, max))));
        var keys = page.contents().stream().map(S3Object::key).toList();
        boolean more = Boolean.TRUE.equals(page.isTruncated()) && !keys.isEmpty();
        return new Page(keys, more ? keys.get(keys.size() - 1) : null);
    }
}
