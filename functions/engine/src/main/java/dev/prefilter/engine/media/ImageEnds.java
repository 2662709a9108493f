package dev.prefilter.engine.media;

import dev.prefilter.engine.binary.Bytes;

/** Where an image's own structure ends, or -1 when it cannot be told. */
final class ImageEnds {

    private ImageEnds() {}

    /** Walks JPEG segments by their lengths (skipping embedded thumbnails), then entropy-coded data to EOI. */
    static int jpeg(byte[] d) {
        if (d.length < 4 || (d[0] & 0xFF) != 0xFF || (d[1] & 0xFF) != 0xD8) return -1;
        int i = 2;
        while (i + 4 <= d.length) {
            if ((d[i] & 0xFF) != 0xFF) return -1;
            int marker = d[i + 1] & 0xFF;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD9) return i + 2;
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2;
                continue;
            }
            int length = Bytes.u16be(d, i + 2);
            if (length < 2) return -1;
            i += 2 + length;
            if (marker == 0xDA) {
                while (i + 1 < d.length) {
                    if ((d[i] & 0xFF) == 0xFF) {
                        int next = d[i + 1] & 0xFF;
                        if (next == 0x00 || (next >= 0xD0 && next <= 0xD7) || next == 0xFF) {
                            i += next == 0xFF ? 1 : 2;
                            continue;
                        }
                        break;
                    }
                    i++;
                }
            }
        }
        return -1;
    }

    static int png(byte[] d) {
        if (d.length < 8 || (d[0] & 0xFF) != 0x89 || d[1] != 'P') return -1;
        int i = 8;
        while (i + 12 <= d.length) {
            long length = Bytes.u32be(d, i);
            if (length < 0 || i + 12 + length > d.length) return -1;
            boolean iend = d[i + 4] == 'I' && d[i + 5] == 'E' && d[i + 6] == 'N' && d[i + 7] == 'D';
            i += 12 + (int) length;
            if (iend) return i;
        }
        return -1;
    }

    /** GIF: header, logical screen (+ global colour table), then blocks until the 0x3B trailer. */
    static int gif(byte[] d) {
        if (d.length < 13 || d[0] != 'G' || d[1] != 'I' || d[2] != 'F') return -1;
        int i = 13;
        int flags = d[10] & 0xFF;
        if ((flags & 0x80) != 0) i += 3 * (1 << ((flags & 0x07) + 1));
        while (i < d.length) {
            int b = d[i] & 0xFF;
            if (b == 0x3B) return i + 1;
            if (b == 0x21) {
                i += 2;
                i = skipSubBlocks(d, i);
            } else if (b == 0x2C) {
                if (i + 10 > d.length) return -1;
                int local = d[i + 9] & 0xFF;
                i += 10;
                if ((local & 0x80) != 0) i += 3 * (1 << ((local & 0x07) + 1));
                i += 1;
                i = skipSubBlocks(d, i);
            } else {
                return -1;
            }
            if (i < 0) return -1;
        }
        return -1;
    }

    private static int skipSubBlocks(byte[] d, int i) {
        while (i < d.length) {
            int size = d[i] & 0xFF;
            i += 1 + size;
            if (size == 0) return i;
        }
        return -1;
    }
}
