package dev.prefilter.engine.office.vba;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;

/**
 * The identifier table of a project's {@code _VBA_PROJECT} stream: every name the compiled code
 * of any module refers to, in the order the p-code's 16-bit name ids index it. The stream is not
 * documented by MS-OVBA (which says to ignore it); the layout walked here is the one pcodedmp
 * established: a header, the references, module descriptors, then the identifier entries. The
 * table alone says nothing about what runs: it also keeps names of code deleted long ago. Only
 * names that some module's p-code refers to ({@link ModulePcode}) count.
 */
final class VbaIdentifiers {

    private static final int MAGIC = 0x61CC;
    private static final int MAX_IDENTIFIERS = 65_536;

    private final List<String> names;
    /** The project's internal version (Office 97 … 2019): it decides the layout of the compiled code. */
    private final int version;

    private final boolean bigEndian;

    private VbaIdentifiers(List<String> names, int version, boolean bigEndian) {
        this.names = names;
        this.version = version;
        this.bigEndian = bigEndian;
    }

    static final VbaIdentifiers NONE = new VbaIdentifiers(List.of(), -1, false);

    /** The table, as far as it could be read; {@link #NONE} for a stream that is not a compiled project. */
    static VbaIdentifiers read(byte[] stream, Charset charset) {
        if (stream.length < 8 || (stream[0] & 0xff | (stream[1] & 0xff) << 8) != MAGIC) return NONE;
        Cursor c = new Cursor(stream, false);
        int version = c.u16(2);
        boolean bigEndian = c.u16(5) == 0x000E;
        List<String> names = new ArrayList<>();
        try {
            readNames(new Cursor(stream, bigEndian), version, charset, names);
        } catch (Cursor.OutOfBounds e) {
            // a damaged or unknown table: the names read so far stand
        }
        return new VbaIdentifiers(List.copyOf(names), version, bigEndian);
    }

    int version() {
        return version;
    }

    boolean bigEndian() {
        return bigEndian;
    }

    /**
     * The name a p-code name id refers to, or null for a built-in keyword or an id outside the table.
     * Ids below 0x200 are VBA's own keywords; VBA 7 (Office 2010 on) shifts the table by a few entries.
     */
    String name(int id, boolean win64) {
        int code = id >> 1;
        if (code < 0x100) return null;
        code -= 0x100;
        if (version >= 0x97) {
            code -= win64 ? 7 : 4;
            if (code > 0xBE) code--;
        }
        return code >= 0 && code < names.size() ? names.get(code) : null;
    }

    private static void readNames(Cursor c, int version, Charset charset, List<String> names) {
        boolean unicodeRef =
                (version >= 0x5B && version != 0x60 && version != 0x62 && version != 0x63) || version == 0x4E;
        boolean unicodeName =
                (version >= 0x59 && version != 0x60 && version != 0x62 && version != 0x63) || version == 0x4E;
        boolean nonUnicodeName = version <= 0x59 && version != 0x4E;
        int p = 0x1E;
        int references = c.u16(p);
        p += 4;
        for (int i = 0; i < references; i++) {
            int length = c.u16(p);
            p += 2;
            if (length == 0) {
                p += 6;
            } else if ((unicodeRef && length < 5) || (!unicodeRef && length < 3)) {
                p += length;
            } else {
                int kind = c.u8(p + (unicodeRef ? 4 : 2));
                p += length;
                if (kind == 'C' || kind == 'D') p = c.skip(p, false, 1, false);
            }
            p += 10;
            int more = c.u16(p);
            p += 2;
            if (more != 0) {
                p = c.skip(p, false, 1, false);
                int extra = c.u16(p);
                p += 2;
                if (extra != 0) p += 2;
                p += extra + 30;
            }
        }
        p = c.skip(p, false, 2, false); // class and user form table
        p = c.skip(p, false, 4, false); // compile-time identifier-value pairs
        p += 2;
        p = c.skip(p, false, 1, true); // type info id
        p = c.skip(p, false, 1, true); // project description
        p = c.skip(p, false, 1, true); // help file
        p += 0x64;
        int modules = c.u16(p);
        p += 2;
        for (int i = 0; i < modules; i++) {
            int length = c.u16(p);
            p += 2;
            if (unicodeName) p += length;
            if (nonUnicodeName) {
                if (length != 0) {
                    length = c.u16(p);
                    p += 2;
                }
                p += length;
            }
            p = c.skip(p, false, 1, false); // stream time
            p = c.skip(p, false, 1, true);
            p += 2; // stream id
            if (version >= 0x6B) p = c.skip(p, false, 1, true);
            p = c.skip(p, false, 1, true);
            p += 2;
            if (version != 0x51) p += 4;
            p = c.skip(p, false, 8, false);
            p += 11;
        }
        p += 6;
        p = c.skip(p, true, 1, false);
        p += 6;
        int w0 = c.u16(p);
        int count = c.u16(p + 2);
        int w1 = c.u16(p + 4);
        p += 10;
        int junk = count + w1 - w0;
        int real = w0 - w1;
        if (junk < 0 || real < 0 || real > MAX_IDENTIFIERS) return;
        for (int i = 0; i < junk; i++) {
            p += 4;
            int type = c.typeByte(p);
            int length = c.lengthByte(p);
            p += 2;
            if (type > 0x7F) p += 6;
            p += length;
        }
        for (int i = 0; i < real; i++) {
            boolean keyword = false;
            int type = c.typeByte(p);
            int length = c.lengthByte(p);
            p += 2;
            if (length == 0 && type == 0) {
                p += 2;
                type = c.typeByte(p);
                length = c.lengthByte(p);
                p += 2;
                keyword = true;
            }
            if ((type & 0x80) != 0) p += 6;
            if (length > 0) {
                names.add(new String(c.bytes(p, length), charset));
                p += length;
            }
            if (!keyword) p += 4;
        }
    }
}
