package dev.prefilter.engine.container.rar;

import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;

/** Which RAR generation a file starts with. */
public final class RarSignature {

    static final byte[] RAR4 = {0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x00};
    static final byte[] RAR5 = {0x52, 0x61, 0x72, 0x21, 0x1A, 0x07, 0x01, 0x00};

    private RarSignature() {}

    /** 5, 4, or 0 when the file does not start with a RAR signature. */
    public static int version(ByteSource source) throws IOException, ContainerFormatException {
        if (source.contains(0, RAR5.length) && matches(source.read(0, RAR5.length), RAR5)) {
            return 5;
        }
        if (source.contains(0, RAR4.length) && matches(source.read(0, RAR4.length), RAR4)) {
            return 4;
        }
        return 0;
    }

    private static boolean matches(byte[] head, byte[] signature) {
        for (int i = 0; i < signature.length; i++) {
            if (head[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
