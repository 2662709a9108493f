package dev.prefilter.mailscan;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectTaggingRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;
import software.amazon.awssdk.services.s3.model.Tagging;

/** Mails in S3: a ranged, versioned GET (nothing past the size limit is transferred) and version tags. */
public final class S3MailSource implements MailSource {

    private final S3Client s3;

    public S3MailSource(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public InputStream open(S3ObjectRef mail, long maxBytes) throws IOException {
        GetObjectRequest request = GetObjectRequest.builder()
                .bucket(mail.bucket())
                .key(mail.key())
                .versionId(mail.versionId())
                .range("bytes=0-" + (maxBytes - 1))
                .build();
        try {
            return s3.getObject(request);
        } catch (NoSuchKeyException e) {
            throw new MailGoneException(mail.location() + " no longer exists", e);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new MailGoneException(mail.location() + " no longer exists (" + code(e) + ")", e);
            }
            if (e.statusCode() == 416) {
                // a range on an empty object: the mail is empty, which the engine judges like any other
                return InputStream.nullInputStream();
            }
            throw new IOException("could not read " + mail.location() + ": " + code(e), e);
        } catch (SdkException e) {
            throw new IOException("could not read " + mail.location() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void tag(S3ObjectRef mail, Map<String, String> tags) {
        Map<String, String> merged = new LinkedHashMap<>();
        s3.getObjectTagging(GetObjectTaggingRequest.builder()
                        .bucket(mail.bucket())
                        .key(mail.key())
                        .versionId(mail.versionId())
                        .build())
                .tagSet()
                .forEach(t -> merged.put(t.key(), t.value()));
        merged.putAll(tags);
        List<Tag> tagSet = merged.entrySet().stream()
                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
        s3.putObjectTagging(PutObjectTaggingRequest.builder()
                .bucket(mail.bucket())
                .key(mail.key())
                .versionId(mail.versionId())
                .tagging(Tagging.builder().tagSet(tagSet).build())
                .build());
    }

    static String code(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return (code == null ? "HTTP" : code) + " " + e.statusCode();
    }
}
