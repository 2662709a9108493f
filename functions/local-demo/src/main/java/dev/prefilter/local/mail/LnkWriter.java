package dev.prefilter.local.mail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A minimal Windows shortcut ([MS-SHLLINK]): the 76-byte ShellLinkHeader with the shell link
 * CLSID, no ID list and no LinkInfo, and Unicode StringData with a relative path to the target
 * and its command-line arguments: the shape of the shortcuts malspam ships.
 */
public final class LnkWriter {

    private static final byte[] CLSID = {
        0x01, 0x14, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, (byte) 0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46
    };
    private static final int HAS_NAME = 0x04;
    private static final int HAS_RELATIVE_PATH = 0x08;
    private static final int HAS_ARGUMENTS = 0x20;
    private static final int IS_UNICODE = 0x80;
    private static final int SW_SHOWMINNOACTIVE = 7;

    private LnkWriter() {}

    public static byte[] shortcut(String description, String relativeTarget, String arguments) {
        ByteBuffer header = ByteBuffer.allocate(76).order(ByteOrder.LITTLE_ENDIAN);
        header.putInt(0x4C);
        header.put(CLSID);
        header.putInt(HAS_NAME | HAS_RELATIVE_PATH | HAS_ARGUMENTS | IS_UNICODE);
        header.putInt(0x20); // FILE_ATTRIBUTE_ARCHIVE
        header.putLong(0).putLong(0).putLong(0); // creation, access, write time
        header.putInt(0); // file size
        header.putInt(0); // icon index
        header.putInt(SW_SHOWMINNOACTIVE);
        header.putShort((short) 0); // hot key
        header.putShort((short) 0).putInt(0).putInt(0); // reserved
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header.array());
        for (String s : new String[] {description, relativeTarget, arguments}) {
            byte[] chars = s.getBytes(StandardCharsets.UTF_16LE);
            out.write(s.length() & 0xff);
            out.write((s.length() >> 8) & 0xff);
            out.writeBytes(chars);
        }
        out.writeBytes(new byte[4]); // terminal block
        return out.toByteArray();
    }
}
