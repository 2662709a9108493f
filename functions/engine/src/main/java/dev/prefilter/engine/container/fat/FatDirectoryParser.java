package dev.prefilter.engine.container.fat;

import dev.prefilter.engine.binary.Bytes;
import java.nio.charset.Charset;

/**
 * Turns 32-byte FAT directory slots into entries: skips deleted slots, volume labels and the dot
 * entries, and assembles VFAT long names, accepting a run only when its sequence numbers are
 * complete and its checksum matches the short name that follows (otherwise the 8.3 name stands).
 */
final class FatDirectoryParser {

    static final int SLOT = 32;
    private static final int LFN_ATTRIBUTES = 0x0F;
    private static final int LAST_LFN = 0x40;
    private static final int[] LFN_CHAR_OFFSETS = {1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30};
    private static final Charset OEM = Charset.forName("IBM437");

    private final char[] longName = new char[20 * 13];
    private int expectedSequence;
    private int lfnChecksum = -1;
    private int lfnParts;
    private boolean ended;

    /** Whether the end-of-directory marker was seen: no more slots are valid. */
    boolean ended() {
        return ended;
    }

    /** The entry in this slot, or null for slots that are not files or directories. */
    FatDirectoryEntry parse(byte[] b, int off) {
        int first = Bytes.u8(b, off);
        if (first == 0x00) {
            ended = true;
            return null;
        }
        if (first == 0xE5) {
            resetLongName();
            return null;
        }
        int attributes = Bytes.u8(b, off + 11);
        if ((attributes & 0x3F) == LFN_ATTRIBUTES) {
            collectLongName(b, off);
            return null;
        }
        String longNameValue = takeLongName(b, off);
        if ((attributes & FatDirectoryEntry.VOLUME_LABEL) != 0) {
            return null;
        }
        String shortName = shortName(b, off);
        if (shortName.equals(".") || shortName.equals("..")) {
            return null;
        }
        long cluster = Bytes.u16le(b, off + 26) | ((long) Bytes.u16le(b, off + 20) << 16);
        long size = Bytes.u32le(b, off + 28);
        return new FatDirectoryEntry(
                longNameValue != null ? longNameValue : shortName, shortName, attributes, cluster, size);
    }

    private void collectLongName(byte[] b, int off) {
        int sequence = Bytes.u8(b, off);
        int checksum = Bytes.u8(b, off + 13);
        int index = sequence & 0x1F;
        if ((sequence & LAST_LFN) != 0) {
            resetLongName();
            if (index == 0 || index > 20) {
                return;
            }
            expectedSequence = index;
            lfnChecksum = checksum;
            java.util.Arrays.fill(longName, '\0');
        } else if (lfnChecksum < 0 || index != expectedSequence || checksum != lfnChecksum) {
            resetLongName();
            return;
        }
        int base = (index - 1) * 13;
        for (int i = 0; i < 13; i++) {
            longName[base + i] = (char) Bytes.u16le(b, off + LFN_CHAR_OFFSETS[i]);
        }
        lfnParts++;
        expectedSequence = index - 1;
    }

    private String takeLongName(byte[] b, int off) {
        boolean complete = lfnChecksum >= 0 && expectedSequence == 0 && lfnParts > 0 && lfnChecksum == checksum(b, off);
        String result = null;
        if (complete) {
            int end = 0;
            while (end < longName.length && longName[end] != '\0' && longName[end] != '\uFFFF') {
                end++;
            }
            result = end == 0 ? null : new String(longName, 0, end);
        }
        resetLongName();
        return result;
    }

    private void resetLongName() {
        lfnChecksum = -1;
        expectedSequence = 0;
        lfnParts = 0;
    }

    /** The VFAT checksum of the 11-byte short name. */
    static int checksum(byte[] b, int off) {
        int sum = 0;
        for (int i = 0; i < 11; i++) {
            sum = (((sum & 1) << 7) + (sum >> 1) + (b[off + i] & 0xff)) & 0xff;
        }
        return sum;
    }

    private static String shortName(byte[] b, int off) {
        byte[] raw = java.util.Arrays.copyOfRange(b, off, off + 11);
        if ((raw[0] & 0xff) == 0x05) {
            raw[0] = (byte) 0xE5; // a real leading 0xE5 is stored as 0x05
        }
        int caseFlags = Bytes.u8(b, off + 12);
        String base = new String(raw, 0, 8, OEM).stripTrailing();
        String ext = new String(raw, 8, 3, OEM).stripTrailing();
        if ((caseFlags & 0x08) != 0) base = base.toLowerCase(java.util.Locale.ROOT);
        if ((caseFlags & 0x10) != 0) ext = ext.toLowerCase(java.util.Locale.ROOT);
        if (base.equals(".") || base.equals("..")) {
            return base;
        }
        return ext.isEmpty() ? base : base + "." + ext;
    }
}
