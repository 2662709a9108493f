package dev.prefilter.mailscan;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory stand-ins for S3 and SQS, so the processor's protocol can be checked step by step. */
final class Fakes {

    private Fakes() {}

    static final class Mails implements MailSource {
        final Map<String, byte[]> objects = new ConcurrentHashMap<>();
        final Map<String, Map<String, String>> tags = new ConcurrentHashMap<>();
        final List<Long> requestedBytes = new ArrayList<>();
        int failReadsAfter = -1;

        @Override
        public InputStream open(S3ObjectRef mail, long maxBytes) throws IOException {
            requestedBytes.add(maxBytes);
            byte[] bytes = objects.get(mail.key());
            if (bytes == null) {
                throw new MailGoneException(mail.location() + " is gone", null);
            }
            InputStream in = new ByteArrayInputStream(bytes, 0, (int) Math.min(bytes.length, maxBytes));
            if (failReadsAfter < 0) {
                return in;
            }
            return new FilterInputStream(in) {
                int read;

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (read >= failReadsAfter) {
                        throw new IOException("connection reset");
                    }
                    int n = super.read(b, off, Math.min(len, failReadsAfter - read));
                    read += Math.max(n, 0);
                    return n;
                }
            };
        }

        @Override
        public void tag(S3ObjectRef mail, Map<String, String> values) {
            tags.computeIfAbsent(mail.key(), k -> new LinkedHashMap<>()).putAll(values);
        }
    }

    static final class Outputs implements OutputStore {
        final Map<String, byte[]> objects = new ConcurrentHashMap<>();
        int creates;
        String failKeysStartingWith;

        @Override
        public synchronized boolean putIfAbsent(String bucket, String key, String contentType, long size, Bytes bytes) {
            if (failKeysStartingWith != null && key.startsWith(failKeysStartingWith)) {
                throw new IllegalStateException("503 SlowDown for " + key);
            }
            if (objects.containsKey(bucket + "/" + key)) {
                return false;
            }
            try (InputStream in = bytes.open()) {
                byte[] data = in.readAllBytes();
                if (data.length != size) {
                    throw new IllegalStateException("declared " + size + " bytes, got " + data.length);
                }
                objects.put(bucket + "/" + key, data);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            creates++;
            return true;
        }

        @Override
        public Optional<byte[]> read(String bucket, String key) {
            return Optional.ofNullable(objects.get(bucket + "/" + key));
        }

        @Override
        public void put(String bucket, String key, String contentType, byte[] bytes) {
            objects.put(bucket + "/" + key, bytes.clone());
        }

        @Override
        public void delete(String bucket, String key) {
            objects.remove(bucket + "/" + key);
        }

        @Override
        public Page list(String bucket, String prefix, String startAfter, int max) {
            List<String> keys = new java.util.TreeSet<>(objects.keySet())
                    .stream()
                            .filter(k -> k.startsWith(bucket + "/" + prefix))
                            .map(k -> k.substring(bucket.length() + 1))
                            .filter(k -> startAfter == null || k.compareTo(startAfter) > 0)
                            .toList();
            List<String> page = keys.subList(0, Math.min(max, keys.size()));
            return new Page(page, keys.size() > max ? page.get(page.size() - 1) : null);
        }

        List<String> keysUnder(String bucket, String prefix) {
            return list(bucket, prefix, null, Integer.MAX_VALUE).keys();
        }
    }

    static final class Quarantine implements QuarantinePublisher {
        final List<QuarantineMessage> messages = new ArrayList<>();

        @Override
        public synchronized void publish(QuarantineMessage message) {
            messages.add(message);
        }
    }

    /** A mail with one attachment, base64-encoded. */
    static byte[] mail(String subject, String attachmentName, byte[] attachment) {
        String b64 = Base64.getMimeEncoder().encodeToString(attachment);
        String m = "From: Sender <s@example.com>\r\nTo: r@example.org\r\nSubject: " + subject
                + "\r\nMessage-ID: <m1@example.com>\r\n"
                + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nHello\r\n"
                + "--b\r\nContent-Type: application/octet-stream; name=\"" + attachmentName
                + "\"\r\nContent-Disposition: attachment; filename=\""
                + attachmentName + "\"\r\nContent-Transfer-Encoding: base64\r\n\r\n" + b64 + "\r\n--b--\r\n";
        return m.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] executable() {
        byte[] pe = new byte[512];
        pe[0] = 'M';
        pe[1] = 'Z';
        pe[0x3C] = 0x40;
        pe[0x40] = 'P';
        pe[0x41] = 'E';
        return pe;
    }

    /** A minimal Windows shortcut: header only (suspicious by type, nothing inside it is malicious). */
    static byte[] shortcut() {
        byte[] lnk = new byte[76 + 4]; // header, then the ExtraData terminal block
        lnk[0] = 0x4C;
        lnk[0x3C] = 1; // SW_SHOWNORMAL
        byte[] clsid = {
            0x01, 0x14, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, (byte) 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46
        };
        System.arraycopy(clsid, 0, lnk, 4, 16);
        return lnk;
    }

    static byte[] textFile() {
        return "Minutes: nothing to see here.\n".getBytes(StandardCharsets.US_ASCII);
    }
}
