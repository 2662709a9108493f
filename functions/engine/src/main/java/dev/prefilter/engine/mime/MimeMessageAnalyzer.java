package dev.prefilter.engine.mime;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.MailHeaders;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.password.PasswordHarvester;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Group;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.LenientAddressParser;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

/**
 * Splits a mail into its leaf MIME parts with Apache mime4j's streaming parser: every part
 * becomes a child (attachments, inline parts, bodies, nested messages), filenames decoded from
 * RFC 2047 / RFC 2231 in any charset. Passwords written in the subject and text bodies are
 * harvested for the archives that follow. Nested messages are children too, parsed again by
 * this analyzer when the engine reaches them.
 */
public final class MimeMessageAnalyzer implements Analyzer {

    private static final Set<String> MAIL_TYPES = Set.of("message/rfc822", "message/global", "message/news");
    /** Names a mail program opens as a message whatever the part's declared type. */
    private static final Set<String> MAIL_EXTENSIONS = Set.of("eml", "mht", "mhtml");

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final int MAX_FIELDS = 2_000;
    private static final int TEXT_CAPTURE = 256 * 1024;

    private static final MimeConfig CONFIG = MimeConfig.custom()
            .setStrictParsing(false)
            .setMaxLineLen(-1)
            .setMaxHeaderCount(-1)
            .setMaxHeaderLen(-1)
            .setMaxContentLen(-1)
            .setMalformedHeaderStartsBody(true)
            .build();

    private final PasswordHarvester harvester = new PasswordHarvester();

    @Override
    public String name() {
        return "mime";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        String declared = node.type().declared();
        if (declared != null && declared.startsWith("text/") && !MAIL_EXTENSIONS.contains(node.extension())) {
            // a text body that quotes headers (a reply, a pasted forward) is shown as text, not opened as a mail
            return false;
        }
        String detected = node.detectedType();
        if (MAIL_TYPES.contains(detected)) return true;
        // MHT / "Single File Web Page" documents (Word saves them with an ActiveMime part carrying VBA) are MIME
        // messages too
        if (detected.equals("multipart/related")) return true;
        return declared != null
                && MAIL_TYPES.contains(declared)
                && (detected.startsWith("text/") || detected.equals("application/octet-stream"));
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        Handler handler = new Handler(ctx);
        MimeStreamParser parser = new MimeStreamParser(CONFIG, DecodeMonitor.SILENT, null);
        parser.setContentDecoding(true);
        parser.setNoRecurse();
        parser.setContentHandler(handler);
        try (InputStream in = ctx.content().openStream()) {
            // a mail saved by a Windows editor may start with a byte-order mark, which would hide its first header
            if (Arrays.equals(ctx.content().head(UTF8_BOM.length), UTF8_BOM)) {
                in.skipNBytes(UTF8_BOM.length);
            }
            parser.parse(in);
        } catch (MimeException | IOException e) {
            ctx.report(Finding.of(
                            "parse.mail",
                            Severity.HIGH,
                            "the mail could not be parsed to its end; parts after the error were not inspected")
                    .withError(e)
                    .with("partsRead", handler.leaves)
                    .build());
        }
        ctx.fact("mimeParts", handler.leaves);
        if (handler.headerFields == 0) {
            ctx.fact("mailHeaders", "none");
            if (looksBinary(ctx.content().head(4096))) {
                ctx.report(Finding.of(
                                "parse.mail",
                                Severity.HIGH,
                                "the input was given as a mail but has no header lines and binary "
                                        + "content: it is not a mail")
                        .build());
            }
        }
    }

    /** NUL bytes or mostly control characters: text mails, even headerless ones, have neither. */
    private static boolean looksBinary(byte[] head) {
        if (head.length == 0) return false;
        int control = 0;
        for (byte b : head) {
            if (b == 0) return true;
            if (b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != 0x0C && b != 0x1B) control++;
        }
        return control * 10 > head.length;
    }

    /** One entity (message or body part) on the parser's way down. */
    private static final class Entity {
        final String id;
        final List<Field> fields = new ArrayList<>();
        int parts;

        Entity(String id) {
            this.id = id;
        }

        Field field(String name) {
            for (Field f : fields) {
                if (f.getName().equalsIgnoreCase(name)) return f;
            }
            return null;
        }
    }

    private final class Handler extends AbstractContentHandler {
        private final AnalysisContext ctx;
        private final Deque<Entity> stack = new ArrayDeque<>();
        int leaves;
        int headerFields;
        private boolean stopped;

        Handler(AnalysisContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void startMessage() {
            stack.push(new Entity(stack.isEmpty() ? "1" : stack.peek().id + ".1"));
        }

        @Override
        public void endMessage() {
            stack.pop();
        }

        @Override
        public void startBodyPart() {
            Entity parent = stack.peek();
            parent.parts++;
            stack.push(new Entity(parent.id + "." + parent.parts));
        }

        @Override
        public void endBodyPart() {
            stack.pop();
        }

        @Override
        public void field(Field field) {
            Entity current = stack.peek();
            if (current.fields.size() < MAX_FIELDS) {
                current.fields.add(field);
            }
            if (stack.size() == 1) headerFields++;
        }

        @Override
        public void endHeader() {
            if (stack.size() == 1) {
                MailHeaders headers = headers(stack.peek());
                ctx.fact("mail", headers);
                if (headers.subject() != null) {
                    ctx.passwords().addAll(harvester.harvest(headers.subject(), "subject"));
                }
            }
        }

        @Override
        public void body(BodyDescriptor bd, InputStream is) throws IOException {
            if (stopped) return;
            Entity entity = stack.peek();
            leaves++;
            String mimeType =
                    bd.getMimeType() == null ? "text/plain" : bd.getMimeType().toLowerCase(Locale.ROOT);
            HeaderValues.Structured disposition = structured(entity, "Content-Disposition");
            HeaderValues.Structured contentType = structured(entity, "Content-Type");
            String filename = firstNonBlank(disposition.parameter("filename"), contentType.parameter("name"));
            filename =
                    filename == null ? null : HeaderValues.decodeWords(filename).strip();
            boolean named = filename != null && !filename.isEmpty();
            String label = named ? filename : label(entity.id, mimeType, stack.size() == 1);

            ChildSpec spec = new ChildSpec(label, named, mimeType, Origin.MIME_PART, -1, null)
                    .withFact("mimePart", entity.id)
                    .withFact(
                            "contentDisposition",
                            disposition.value().isEmpty()
                                    ? null
                                    : disposition.value().toLowerCase(Locale.ROOT))
                    .withFact("contentTransferEncoding", bd.getTransferEncoding())
                    .withFact("charset", mimeType.startsWith("text/") ? bd.getCharset() : null);

            boolean text = mimeType.equals("text/plain") || mimeType.equals("text/html");
            CapturingInputStream capture = text ? new CapturingInputStream(is, TEXT_CAPTURE) : null;
            boolean accepted = ctx.child(spec, capture != null ? capture : is);
            if (capture != null) {
                String decoded = TextDecoding.decode(capture.captured(), capture.capturedLength(), bd.getCharset());
                String plain = mimeType.equals("text/html") ? MailText.fromHtml(decoded) : decoded;
                String where = named ? "attachment " + filename : "body part " + entity.id + " (" + mimeType + ")";
                ctx.passwords().addAll(harvester.harvest(plain, where));
            }
            if (!accepted) {
                stopped = true;
            }
        }

        private MailHeaders headers(Entity root) {
            return new MailHeaders(
                    joined(addresses(root.field("From"))),
                    addresses(root.field("To")),
                    addresses(root.field("Cc")),
                    decoded(root.field("Subject")),
                    decoded(root.field("Date")),
                    decoded(root.field("Message-ID")));
        }
    }

    private static String label(String id, String mimeType, boolean single) {
        return (single ? "body" : "part " + id) + " (" + mimeType + ")";
    }

    private static HeaderValues.Structured structured(Entity entity, String name) {
        Field field = entity.field(name);
        return HeaderValues.parseStructured(field == null ? null : HeaderValues.rawBody(field));
    }

    private static String decoded(Field field) {
        return field == null ? null : HeaderValues.decode(field);
    }

    private static List<String> addresses(Field field) {
        if (field == null) return List.of();
        String raw = HeaderValues.rawBody(field);
        List<String> out = new ArrayList<>();
        try {
            AddressList list = LenientAddressParser.DEFAULT.parseAddressList(raw);
            for (Address address : list) {
                if (address instanceof Group group) {
                    group.getMailboxes().forEach(m -> out.add(mailbox(m)));
                } else if (address instanceof Mailbox mailbox) {
                    out.add(mailbox(mailbox));
                }
            }
        } catch (IllegalArgumentException undecodable) {
            // a display name mime4j cannot decode: the header's text stands for the list
            out.add(HeaderValues.decode(field));
        }
        if (out.isEmpty() && !raw.isBlank()) {
            out.add(HeaderValues.decode(field));
        }
        return out;
    }

    private static String mailbox(Mailbox mailbox) {
        String address = mailbox.getAddress();
        String name = mailbox.getName();
        return name == null || name.isBlank() ? address : name + " <" + address + ">";
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? null : String.join(", ", values);
    }

    private static String firstNonBlank(String a, String b) {
        if (a != null && !a.isBlank()) return a;
        if (b != null && !b.isBlank()) return b;
        return null;
    }
}
