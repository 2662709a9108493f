package dev.prefilter.local.mail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A small RFC 5322/2045 writer for test and demo mails: headers (non-ASCII subjects as RFC 2047
 * encoded words), a text body, and base64 attachments under multipart/mixed.
 */
public final class MimeBuilder {

    private record Attachment(String name, String type, byte[] bytes) {}

    private String from = "Sender <sender@example.com>";
    private final List<String> to = new ArrayList<>();
    private String subject = "";
    private String messageId;
    private String body = "";
    private final List<Attachment> attachments = new ArrayList<>();

    public MimeBuilder from(String value) {
        this.from = value;
        return this;
    }

    public MimeBuilder to(String value) {
        this.to.add(value);
        return this;
    }

    public MimeBuilder subject(String value) {
        this.subject = value;
        return this;
    }

    public MimeBuilder messageId(String value) {
        this.messageId = value;
        return this;
    }

    public MimeBuilder body(String value) {
        this.body = value;
        return this;
    }

    public MimeBuilder attach(String name, String type, byte[] bytes) {
        attachments.add(new Attachment(name, type, bytes));
        return this;
    }

    public byte[] build() {
        StringBuilder m = new StringBuilder();
        header(m, "From", from);
        header(m, "To", to.isEmpty() ? "Recipient <recipient@example.org>" : String.join(", ", to));
        header(m, "Subject", encodeWord(subject));
        header(m, "Date", "Thu, 26 Nov 2026 09:30:00 +0000");
        header(
                m,
                "Message-ID",
                messageId != null
                        ? messageId
                        : "<" + Integer.toHexString((from + subject + body).hashCode()) + "@example.com>");
        header(m, "MIME-Version", "1.0");
        String boundary = "=_prefilter_" + Integer.toHexString(System.identityHashCode(this));
        if (attachments.isEmpty()) {
            header(m, "Content-Type", "text/plain; charset=utf-8");
            header(m, "Content-Transfer-Encoding", "base64");
            m.append("\r\n").append(base64(body.getBytes(StandardCharsets.UTF_8)));
            return m.toString().getBytes(StandardCharsets.US_ASCII);
        }
        header(m, "Content-Type", "multipart/mixed; boundary=\"" + boundary + "\"");
        m.append("\r\nThis is a multi-part message in MIME format.\r\n");
        m.append("--").append(boundary).append("\r\n");
        header(m, "Content-Type", "text/plain; charset=utf-8");
        header(m, "Content-Transfer-Encoding", "base64");
        m.append("\r\n").append(base64(body.getBytes(StandardCharsets.UTF_8)));
        for (Attachment a : attachments) {
            m.append("--").append(boundary).append("\r\n");
            header(m, "Content-Type", a.type() + "; name=\"" + encodeWord(a.name()) + "\"");
            header(m, "Content-Disposition", "attachment; filename=\"" + encodeWord(a.name()) + "\"");
            header(m, "Content-Transfer-Encoding", "base64");
            m.append("\r\n").append(base64(a.bytes()));
        }
        m.append("--").append(boundary).append("--\r\n");
        return m.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static void header(StringBuilder m, String name, String value) {
        m.append(name).append(": ").append(value).append("\r\n");
    }

    /** RFC 2047 B-encoding for any value that is not plain printable ASCII. */
    static String encodeWord(String value) {
        if (value.chars().allMatch(c -> c >= 0x20 && c < 0x7f && c != '"')) {
            return value;
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)) + "?=";
    }

    private static String base64(byte[] bytes) {
        return Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).encodeToString(bytes) + "\r\n";
    }
}
