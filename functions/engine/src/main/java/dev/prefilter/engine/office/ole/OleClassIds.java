package dev.prefilter.engine.office.ole;

import java.util.Locale;
import org.apache.poi.hpsf.ClassID;

/** The OLE class identifiers this package recognises. */
public final class OleClassIds {

    /** Microsoft Equation Editor 3.0 ({@code Equation.3}, EQNEDT32.EXE). */
    public static final String EQUATION_3 = "{0002CE02-0000-0000-C000-000000000046}";

    /** URL moniker (MS-OLEDS 2.3.7), as stored: the GUID in its little-endian byte order. */
    static final byte[] URL_MONIKER = guidBytes("79EAC9E0-BAF9-11CE-8C82-00AA004BA90B");
    /** File moniker (MS-OLEDS 2.3.8). */
    static final byte[] FILE_MONIKER = guidBytes("00000303-0000-0000-C000-000000000046");

    static final byte[] EQUATION_3_BYTES = guidBytes("0002CE02-0000-0000-C000-000000000046");

    private OleClassIds() {}

    static String text(ClassID id) {
        return id == null ? "" : id.toString().toUpperCase(Locale.ROOT);
    }

    /** The 16 bytes of a GUID written as {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}, in storage order. */
    static byte[] guidBytes(String guid) {
        String hex = guid.replace("-", "");
        byte[] raw = new byte[16];
        for (int i = 0; i < 16; i++) {
            raw[i] = (byte) Integer.parseInt(hex.substring(i * 2, i * 2 + 2), 16);
        }
        byte[] out = raw.clone();
        out[0] = raw[3];
        out[1] = raw[2];
        out[2] = raw[1];
        out[3] = raw[0];
        out[4] = raw[5];
        out[5] = raw[4];
        out[6] = raw[7];
        out[7] = raw[6];
        return out;
    }

    /**
     * Whether the Equation Editor 3.0 class id appears anywhere in the bytes (rtfobj's fallback for
     * mangled objects).
     */
    public static boolean containsEquationClassId(byte[] data) {
        return indexOf(data, EQUATION_3_BYTES, 0) >= 0;
    }

    static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
