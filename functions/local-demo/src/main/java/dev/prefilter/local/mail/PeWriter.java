package dev.prefilter.local.mail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** A minimal, inert PE32 image (DOS header, PE signature, COFF and optional header, no sections): it is typed, never run. */
public final class PeWriter {

    private PeWriter() {}

    public static byte[] executable() {
        ByteBuffer b = ByteBuffer.allocate(0x40 + 4 + 20 + 0xE0).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'M').put((byte) 'Z');
        b.position(0x3C);
        b.putInt(0x40); // e_lfanew
        b.put((byte) 'P').put((byte) 'E').put((byte) 0).put((byte) 0);
        b.putShort((short) 0x014C); // i386
        b.putShort((short) 0); // sections
        b.putInt(0).putInt(0).putInt(0);
        b.putShort((short) 0xE0); // size of optional header
        b.putShort((short) 0x0102); // executable, 32-bit
        b.putShort((short) 0x010B); // PE32 magic
        return b.array();
    }
}
