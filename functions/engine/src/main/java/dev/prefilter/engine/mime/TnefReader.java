package dev.prefilter.engine.mime;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.office.DamagedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.hmef.CompressedRTF;

/**
 * A tolerant TNEF reader (MS-OXTNEF): attachments come from attAttachData or, as Outlook also
 * writes them, from the PR_ATTACH_DATA property inside attAttachment; names from
 * PR_ATTACH_LONG_FILENAME or attAttachTitle. It stops at the first record it cannot frame and
 * keeps what it read, where POI's HMEF gives up on the whole file.
 */
final class TnefReader {

    private static final int ATT_ATTACH_DATA = 0x800F;
    private static final int ATT_ATTACH_TITLE = 0x8010;
    private static final int ATT_ATTACH_REND_DATA = 0x9002;
    private static final int ATT_MSG_PROPS = 0x9003;
    private static final int ATT_ATTACHMENT = 0x9005;
    private static final int ATT_BODY = 0x800C;

    private static final int PR_BODY = 0x1000;
    private static final int PR_RTF_COMPRESSED = 0x1009;
    private static final int PR_ATTACH_DATA = 0x3701;
    private static final int PR_ATTACH_FILENAME = 0x3704;
    private static final int PR_ATTACH_LONG_FILENAME = 0x3707;
    private static final int PT_OBJECT = 0x000D;
    private static final Charset CP1252 = Charset.forName("windows-1252");

    static final class Attachment {
        String title;
        String longName;
        String shortName;
        byte[] data;
        boolean object;

        String name() {
            for (String n : new String[] {longName, title, shortName}) {
                if (n != null && !n.isBlank()) return n.trim();
            }
            return null;
        }
    }

    static final class Message {
        final List<Attachment> attachments = new ArrayList<>();
        String body;
        byte[] rtfBody;
        /** Why the compressed RTF body could not be decompressed, when it could not. */
        String rtfError;

        String error;
    }

    private TnefReader() {}

    static Message read(InputStream in, long size, long maxRecord) throws IOException {
        Message message = new Message();
        if (readInt(in) != TnefStructure.SIGNATURE) {
            message.error = "no TNEF signature";
            return message;
        }
        in.skipNBytes(2);
        long offset = 6;
        Attachment current = null;
        while (size - offset >= 11) {
            int level = in.read();
            if (level != 1 && level != 2) break;
            int id = readInt(in) & 0xFFFF;
            long length = readInt(in) & 0xFFFFFFFFL;
            offset += 9;
            if (length > size - offset - 2 || length > maxRecord) {
                message.error = "attribute at offset " + (offset - 9) + " claims " + length + " bytes";
                break;
            }
            byte[] data = in.readNBytes((int) length);
            in.skipNBytes(2);
            offset += length + 2;
            if (level == 1) {
                switch (id) {
                    case ATT_BODY -> message.body = new String(data, CP1252);
                    case ATT_MSG_PROPS -> readMessageProperties(data, message);
                    default -> {}
                }
                continue;
            }
            if (id == ATT_ATTACH_REND_DATA || current == null) {
                current = new Attachment();
                message.attachments.add(current);
            }
            switch (id) {
                case ATT_ATTACH_DATA -> current.data = data;
                case ATT_ATTACH_TITLE -> current.title = zeroTerminated(data, CP1252);
                case ATT_ATTACHMENT -> readAttachmentProperties(data, current);
                default -> {}
            }
        }
        message.attachments.removeIf(a -> a.data == null);
        return message;
    }

    private static void readMessageProperties(byte[] data, Message message) {
        for (MapiProperty p : MapiProperty.parse(data)) {
            if (p.id() == PR_RTF_COMPRESSED && p.value() != null) {
                try {
                    message.rtfBody = decompress(p.value());
                } catch (IOException e) {
                    message.rtfError = Evidence.error(e);
                }
            } else if (p.id() == PR_BODY && p.value() != null && message.body == null) {
                message.body = p.text();
            }
        }
    }

    private static void readAttachmentProperties(byte[] data, Attachment attachment) {
        for (MapiProperty p : MapiProperty.parse(data)) {
            switch (p.id()) {
                case PR_ATTACH_LONG_FILENAME -> attachment.longName = p.text();
                case PR_ATTACH_FILENAME -> attachment.shortName = p.text();
                case PR_ATTACH_DATA -> {
                    if (attachment.data == null && p.value() != null) {
                        byte[] value = p.value();
                        if (p.type() == PT_OBJECT && value.length > 16) {
                            value = java.util.Arrays.copyOfRange(value, 16, value.length);
                            attachment.object = true;
                        }
                        attachment.data = value;
                    }
                }
                default -> {}
            }
        }
    }

    private static byte[] decompress(byte[] compressed) throws IOException {
        return DamagedInput.guard(() -> new CompressedRTF().decompress(new ByteArrayInputStream(compressed)));
    }

    private static String zeroTerminated(byte[] data, Charset charset) {
        int end = 0;
        while (end < data.length && data[end] != 0) end++;
        return new String(data, 0, end, charset);
    }

    private static int readInt(InputStream in) throws IOException {
        byte[] b = in.readNBytes(4);
        if (b.length < 4) throw new IOException("truncated TNEF stream");
        return (int) Bytes.u32le(b, 0);
    }

    /**
     * One MAPI property from an attMsgProps/attAttachment blob (MS-OXTNEF 2.1.3.5); only the first
     * value of multi-values.
     */
    record MapiProperty(int id, int type, byte[] value) {

        String text() {
            if (value == null) return null;
            if (type == 0x001F) {
                String s = new String(value, StandardCharsets.UTF_16LE);
                int nul = s.indexOf('\0');
                return nul >= 0 ? s.substring(0, nul) : s;
            }
            return zeroTerminated(value, CP1252);
        }

        static List<MapiProperty> parse(byte[] data) {
            List<MapiProperty> properties = new ArrayList<>();
            Cursor c = new Cursor(data);
            long count = c.u32();
            for (long i = 0; i < count && c.remaining() >= 4; i++) {
                int tag = (int) c.u32();
                int type = tag & 0xFFFF;
                int id = (tag >>> 16) & 0xFFFF;
                if (id >= 0x8000) {
                    c.skip(16);
                    long kind = c.u32();
                    if (kind == 0) {
                        c.skip(4);
                    } else {
                        long nameLength = c.u32();
                        c.skip(pad(nameLength));
                    }
                }
                boolean multi = (type & 0x1000) != 0;
                int base = type & ~0x1000;
                long values = multi || variable(base) ? c.u32() : 1;
                byte[] first = null;
                for (long v = 0; v < values && c.ok(); v++) {
                    byte[] value;
                    if (variable(base)) {
                        long length = c.u32();
                        value = c.bytes(length);
                        c.skip(pad(length) - length);
                    } else {
                        int fixed = fixedSize(base);
                        if (fixed < 0) return properties;
                        value = c.bytes(fixed);
                    }
                    if (first == null) first = value;
                }
                if (!c.ok()) break;
                properties.add(new MapiProperty(id, base, first));
            }
            return properties;
        }

        private static boolean variable(int type) {
            return type == 0x001E || type == 0x001F || type == 0x0102 || type == PT_OBJECT;
        }

        private static int fixedSize(int type) {
            return switch (type) {
                case 0x0002, 0x0003, 0x0004, 0x000A, 0x000B -> 4;
                case 0x0005, 0x0006, 0x0007, 0x0014, 0x0040 -> 8;
                case 0x0048 -> 16;
                case 0x0001 -> 0;
                default -> -1;
            };
        }

        private static long pad(long n) {
            return (n + 3) & ~3L;
        }
    }

    /** Bounds-checked little-endian reads over a byte array; reads past the end mark it broken. */
    private static final class Cursor {
        private final byte[] data;
        private int pos;
        private boolean ok = true;

        Cursor(byte[] data) {
            this.data = data;
        }

        long u32() {
            if (pos + 4 > data.length) {
                ok = false;
                pos = data.length;
                return 0;
            }
            long v = Bytes.u32le(data, pos);
            pos += 4;
            return v;
        }

        byte[] bytes(long n) {
            if (n < 0 || pos + n > data.length) {
                ok = false;
                pos = data.length;
                return null;
            }
            byte[] b = java.util.Arrays.copyOfRange(data, pos, pos + (int) n);
            pos += (int) n;
            return b;
        }

        void skip(long n) {
            if (n < 0 || pos + n > data.length) {
                ok = false;
                pos = data.length;
                return;
            }
            pos += (int) n;
        }

        int remaining() {
            return data.length - pos;
        }

        boolean ok() {
            return ok;
        }
    }
}
