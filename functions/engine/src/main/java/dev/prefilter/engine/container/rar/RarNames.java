package dev.prefilter.engine.container.rar;

import dev.prefilter.engine.archive.ArchiveNames;
import dev.prefilter.engine.binary.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * RAR 1.5-4.x file names. Without the Unicode flag the name is in the packer's OEM code page
 * (CP437, or CP932 on Japanese Windows).
 * With it, either the whole field is UTF-8 (no NUL), or an OEM name is followed by a NUL and a
 * compact encoding of the Unicode name: a high byte, then 2-bit opcodes (taken from flag bytes,
 * most significant pair first) that say how each character is built — a low byte alone, a low byte
 * with the high byte, a full 16-bit character, or a run copied from the OEM name with an optional
 * correction added to each byte.
 */
final class RarNames {

    private RarNames() {}

    static String decode(byte[] raw, boolean unicode) {
        int nul = indexOf(raw, (byte) 0);
        if (!unicode) {
            return utf8OrOem(nul < 0 ? raw : java.util.Arrays.copyOf(raw, nul));
        }
        if (nul < 0) {
            return new String(raw, StandardCharsets.UTF_8);
        }
        String decoded = decodeUnicode(raw, nul);
        return decoded.isEmpty() ? utf8OrOem(java.util.Arrays.copyOf(raw, nul)) : decoded;
    }

    private static String decodeUnicode(byte[] raw, int nul) {
        int oemLength = nul;
        int p = nul + 1;
        if (p >= raw.length) {
            return "";
        }
        int high = raw[p++] & 0xff;
        StringBuilder out = new StringBuilder();
        int flags = 0;
        int flagBits = 0;
        int max = Math.max(oemLength, 0) + 1024;
        while (p < raw.length && out.length() < max) {
            if (flagBits == 0) {
                flags = raw[p++] & 0xff;
                flagBits = 8;
                if (p >= raw.length) {
                    break;
                }
            }
            switch (flags >>> 6) {
                case 0 -> out.append((char) (raw[p++] & 0xff));
                case 1 -> out.append((char) ((raw[p++] & 0xff) | high << 8));
                case 2 -> {
                    if (p + 1 >= raw.length) {
                        return out.toString();
                    }
                    out.append((char) Bytes.u16le(raw, p));
                    p += 2;
                }
                default -> {
                    int length = raw[p++] & 0xff;
                    if ((length & 0x80) != 0) {
                        if (p >= raw.length) {
                            return out.toString();
                        }
                        int correction = raw[p++] & 0xff;
                        for (length = (length & 0x7f) + 2; length > 0 && out.length() < oemLength; length--) {
                            out.append((char) ((((raw[out.length()] & 0xff) + correction) & 0xff) | high << 8));
                        }
                    } else {
                        for (length += 2; length > 0 && out.length() < oemLength; length--) {
                            out.append((char) (raw[out.length()] & 0xff));
                        }
                    }
                }
            }
            flags = (flags << 2) & 0xff;
            flagBits -= 2;
        }
        return out.toString();
    }

    /** OEM names as the archive package reads unflagged zip names: UTF-8, CP932 for Japanese, else CP437. */
    private static String utf8OrOem(byte[] raw) {
        return ArchiveNames.decode(raw, false);
    }

    private static int indexOf(byte[] b, byte value) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
