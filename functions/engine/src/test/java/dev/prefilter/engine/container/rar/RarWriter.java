package dev.prefilter.engine.container.rar;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * Builds RAR 5 and RAR 4 archives for tests: the headers as the published formats describe them,
 * stored members with their bytes, "compressed" members with filler bytes (never decompressed),
 * per-file encryption records or flags, header encryption, directories and links.
 */
public final class RarWriter {

    private record Member(
            String name, byte[] data, boolean stored, boolean encrypted, boolean directory, String link) {}

    private final List<Member> members = new ArrayList<>();
    private boolean headersEncrypted;
    private boolean solid;
    /** Offsets of each member's header, filled by {@code build}. */
    public final List<Integer> headerOffsets = new ArrayList<>();

    public RarWriter compressed(String name, byte[] data) {
        members.add(new Member(name, data, false, false, false, null));
        return this;
    }

    public RarWriter stored(String name, byte[] data) {
        members.add(new Member(name, data, true, false, false, null));
        return this;
    }

    public RarWriter encrypted(String name, byte[] data) {
        members.add(new Member(name, data, false, true, false, null));
        return this;
    }

    public RarWriter directory(String name) {
        members.add(new Member(name, new byte[0], true, false, true, null));
        return this;
    }

    /** A RAR 5 Windows symbolic link. */
    public RarWriter link(String name, String target) {
        members.add(new Member(name, new byte[0], true, false, false, target));
        return this;
    }

    public RarWriter encryptHeaders() {
        this.headersEncrypted = true;
        return this;
    }

    public RarWriter solid() {
        this.solid = true;
        return this;
    }

    // ---------------------------------------------------------------- RAR 5

    public byte[] rar5() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RarSignature.RAR5);
        if (headersEncrypted) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            vint(body, 4);
            vint(body, 0);
            vint(body, 0);
            vint(body, 1);
            body.write(15);
            body.writeBytes(filler(28, 9));
            block5(out, body.toByteArray());
            out.writeBytes(filler(400, 10));
            return out.toByteArray();
        }
        ByteArrayOutputStream main = new ByteArrayOutputStream();
        vint(main, 1);
        vint(main, 0);
        vint(main, solid ? 0x4 : 0);
        block5(out, main.toByteArray());
        int seed = 0;
        for (Member m : members) {
            byte[] data = m.directory() || m.link() != null
                    ? new byte[0]
                    : m.stored() ? m.data() : filler(Math.max(1, m.data().length / 2), seed++);
            ByteArrayOutputStream extra = new ByteArrayOutputStream();
            if (m.encrypted()) {
                ByteArrayOutputStream record = new ByteArrayOutputStream();
                vint(record, 0x01);
                vint(record, 0);
                vint(record, 0x1);
                record.write(15);
                record.writeBytes(filler(16 + 16 + 12, 77));
                vint(extra, record.size());
                extra.writeBytes(record.toByteArray());
            }
            if (m.link() != null) {
                ByteArrayOutputStream record = new ByteArrayOutputStream();
                vint(record, 0x05);
                vint(record, 2);
                vint(record, 0);
                byte[] target = m.link().getBytes(StandardCharsets.UTF_8);
                vint(record, target.length);
                record.writeBytes(target);
                vint(extra, record.size());
                extra.writeBytes(record.toByteArray());
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            vint(body, 2);
            vint(body, 0x2 | (extra.size() > 0 ? 0x1 : 0));
            if (extra.size() > 0) {
                vint(body, extra.size());
            }
            vint(body, data.length);
            vint(body, (m.directory() ? 0x1 : 0) | 0x4);
            vint(body, m.data().length);
            vint(body, m.directory() ? 0x10 : 0x20);
            le(body, crc(m.data()), 4);
            vint(body, m.stored() ? 0 : (3 << 7) | (2 << 10));
            vint(body, 0);
            byte[] name = m.name().getBytes(StandardCharsets.UTF_8);
            vint(body, name.length);
            body.writeBytes(name);
            body.writeBytes(extra.toByteArray());
            headerOffsets.add(out.size());
            block5(out, body.toByteArray());
            out.writeBytes(data);
        }
        ByteArrayOutputStream end = new ByteArrayOutputStream();
        vint(end, 5);
        vint(end, 0);
        vint(end, 0);
        block5(out, end.toByteArray());
        return out.toByteArray();
    }

    private static void block5(ByteArrayOutputStream out, byte[] body) {
        ByteArrayOutputStream sized = new ByteArrayOutputStream();
        vint(sized, body.length);
        sized.writeBytes(body);
        byte[] covered = sized.toByteArray();
        le(out, crc(covered), 4);
        out.writeBytes(covered);
    }

    static void vint(ByteArrayOutputStream out, long value) {
        do {
            int b = (int) (value & 0x7F);
            value >>>= 7;
            out.write(value != 0 ? b | 0x80 : b);
        } while (value != 0);
    }

    // ---------------------------------------------------------------- RAR 4

    public byte[] rar4() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(RarSignature.RAR4);
        byte[] archive = new byte[13];
        archive[2] = 0x73;
        le(archive, 3, (headersEncrypted ? 0x0080 : 0) | (solid ? 0x0008 : 0), 2);
        le(archive, 5, 13, 2);
        block4(out, archive);
        if (headersEncrypted) {
            out.writeBytes(filler(300, 5));
            return out.toByteArray();
        }
        int seed = 100;
        for (Member m : members) {
            byte[] data = m.directory()
                    ? new byte[0]
                    : m.stored() ? m.data() : filler(Math.max(1, m.data().length / 2), seed++);
            byte[] name = name4(m.name());
            boolean unicode = !m.name().chars().allMatch(c -> c < 0x80);
            byte[] h = new byte[32 + name.length];
            h[2] = 0x74;
            int flags = 0x8000 | (m.encrypted() ? 0x04 : 0) | (unicode ? 0x200 : 0) | (m.directory() ? 0xE0 : 0x00);
            le(h, 3, flags, 2);
            le(h, 5, h.length, 2);
            le(h, 7, data.length, 4);
            le(h, 11, m.data().length, 4);
            h[15] = 2;
            le(h, 16, crc(m.data()), 4);
            le(h, 20, 0x58216000L, 4);
            h[24] = 29;
            h[25] = (byte) (m.stored() ? 0x30 : 0x33);
            le(h, 26, name.length, 2);
            le(h, 28, m.directory() ? 0x10 : 0x20, 4);
            System.arraycopy(name, 0, h, 32, name.length);
            headerOffsets.add(out.size());
            block4(out, h);
            out.writeBytes(data);
        }
        byte[] end = new byte[7];
        end[2] = 0x7B;
        le(end, 3, 0x4000, 2);
        le(end, 5, 7, 2);
        block4(out, end);
        return out.toByteArray();
    }

    private static void block4(ByteArrayOutputStream out, byte[] header) {
        CRC32 crc = new CRC32();
        crc.update(header, 2, header.length - 2);
        le(header, 0, crc.getValue() & 0xFFFF, 2);
        out.writeBytes(header);
    }

    /**
     * A RAR 4 Unicode name: the OEM name ('?' for what it cannot hold), NUL, then the high byte
     * and opcodes: runs copied from the OEM name, low bytes alone, low bytes with the high byte,
     * and full 16-bit characters.
     */
    static byte[] name4(String name) {
        if (name.chars().allMatch(c -> c < 0x80)) {
            return name.getBytes(StandardCharsets.US_ASCII);
        }
        StringBuilder oem = new StringBuilder();
        for (char c : name.toCharArray()) {
            oem.append(c < 0x80 ? c : '?');
        }
        int high = name.chars().filter(c -> c >= 0x100).findFirst().orElse(0) >>> 8;
        List<Integer> ops = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        int i = 0;
        while (i < name.length()) {
            int run = 0;
            while (i + run < name.length() && name.charAt(i + run) < 0x80 && run < 129) {
                run++;
            }
            char c = name.charAt(i);
            if (run >= 3) {
                ops.add(3);
                payloads.add(new byte[] {(byte) (run - 2)});
                i += run;
            } else if (c < 0x100) {
                ops.add(0);
                payloads.add(new byte[] {(byte) c});
                i++;
            } else if ((c >>> 8) == high) {
                ops.add(1);
                payloads.add(new byte[] {(byte) c});
                i++;
            } else {
                ops.add(2);
                payloads.add(new byte[] {(byte) c, (byte) (c >>> 8)});
                i++;
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(oem.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        out.write(high);
        for (int g = 0; g < ops.size(); g += 4) {
            int flags = 0;
            for (int k = 0; k < 4; k++) {
                flags |= (g + k < ops.size() ? ops.get(g + k) : 0) << (6 - 2 * k);
            }
            out.write(flags);
            for (int k = g; k < Math.min(g + 4, ops.size()); k++) {
                out.writeBytes(payloads.get(k));
            }
        }
        return out.toByteArray();
    }

    static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    static byte[] filler(int length, int seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    static void le(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            out.write((int) (v >>> (8 * i)) & 0xFF);
        }
    }

    static void le(byte[] b, int at, long v, int bytes) {
        for (int i = 0; i < bytes; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
