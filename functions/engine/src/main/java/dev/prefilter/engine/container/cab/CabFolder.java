package dev.prefilter.engine.container.cab;

/**
 * One CFFOLDER: where its first CFDATA block is, how many follow, and how they are compressed.
 *
 * @param compression the raw typeCompress field: low nibble method, bits 8-12 LZX/Quantum window
 */
public record CabFolder(int index, long dataOffset, int blockCount, int compression) {

    public static final int NONE = 0;
    public static final int MSZIP = 1;
    public static final int QUANTUM = 2;
    public static final int LZX = 3;

    public int method() {
        return compression & 0x000F;
    }

    public int windowBits() {
        return (compression >>> 8) & 0x1F;
    }

    public String methodName() {
        return switch (method()) {
            case NONE -> "stored";
            case MSZIP -> "MSZIP";
            case QUANTUM -> "Quantum";
            case LZX -> "LZX:" + windowBits();
            default -> "unknown(" + method() + ")";
        };
    }
}
