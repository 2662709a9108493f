package dev.prefilter.engine.lnk;

import java.util.Locale;

/** The MAC address inside a distributed-link-tracker object id. */
final class Droids {

    private Droids() {}

    /**
     * The node field of a time-based (version 1) GUID is the creating machine's MAC address,
     * unless its multicast bit marks it as a random node. Other GUID versions carry no MAC: null.
     */
    static String mac(ByteSpan block, int guidOffset) throws ShortcutFormatException {
        int version = block.u16(guidOffset + 6) >>> 12;
        if (version != 1) return null;
        int first = block.u8(guidOffset + 10);
        if ((first & 0x01) != 0) return null;
        StringBuilder mac = new StringBuilder(17);
        for (int i = 10; i < 16; i++) {
            if (i > 10) mac.append(':');
            mac.append(String.format(Locale.ROOT, "%02x", block.u8(guidOffset + i)));
        }
        return mac.toString();
    }
}
