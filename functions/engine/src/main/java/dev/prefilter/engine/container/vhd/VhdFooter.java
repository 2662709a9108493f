package dev.prefilter.engine.container.vhd;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import java.io.IOException;

/**
 * The 512-byte VHD footer (big-endian): "conectix" cookie, disk type and sizes. Fixed VHDs carry
 * it only at the end of the file; dynamic and differencing VHDs also keep a copy at offset 0.
 *
 * @param atEnd whether the footer was read from the end of the file (else from the copy at 0)
 */
public record VhdFooter(
        int diskType, long dataOffset, long currentSize, String creator, boolean checksumValid, boolean atEnd) {

    public static final int SIZE = 512;
    public static final int FIXED = 2;
    public static final int DYNAMIC = 3;
    public static final int DIFFERENCING = 4;
    private static final String COOKIE = "conectix";

    /** Whether the last 512 bytes of {@code source} are a VHD footer: how a fixed VHD is recognised. */
    public static boolean endsWithFooter(ByteSource source) throws IOException {
        if (source.size() < SIZE) {
            return false;
        }
        try {
            return Bytes.startsWith(source.read(source.size() - SIZE, COOKIE.length()), 0, COOKIE);
        } catch (ContainerFormatException e) {
            return false;
        }
    }

    /** The footer at the end, or the copy at 0 when the end was cut off; null when there is neither. */
    public static VhdFooter read(ByteSource source) throws IOException, ContainerFormatException {
        if (endsWithFooter(source)) {
            return parse(source.read(source.size() - SIZE, SIZE), true);
        }
        if (source.contains(0, SIZE)) {
            byte[] head = source.read(0, SIZE);
            if (Bytes.startsWith(head, 0, COOKIE)) {
                return parse(head, false);
            }
        }
        return null;
    }

    static VhdFooter parse(byte[] f, boolean atEnd) {
        long stored = Bytes.u32be(f, 64);
        long sum = 0;
        for (int i = 0; i < SIZE; i++) {
            if (i < 64 || i >= 68) {
                sum += f[i] & 0xff;
            }
        }
        boolean valid = ((~sum) & 0xFFFFFFFFL) == stored;
        return new VhdFooter(
                (int) Bytes.u32be(f, 60), Bytes.u64be(f, 16), Bytes.u64be(f, 48), Bytes.ascii(f, 28, 4), valid, atEnd);
    }

    public String diskTypeName() {
        return switch (diskType) {
            case FIXED -> "fixed";
            case DYNAMIC -> "dynamic";
            case DIFFERENCING -> "differencing";
            default -> "unknown (" + diskType + ")";
        };
    }
}
