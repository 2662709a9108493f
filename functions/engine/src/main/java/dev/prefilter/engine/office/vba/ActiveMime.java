package dev.prefilter.engine.office.vba;

import dev.prefilter.engine.binary.Bytes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * ActiveMime ({@code editdata.mso}, the "MSO" part of Word 2003 XML and MHT documents): a header
 * beginning with {@code ActiveMime}, then a zlib stream holding a Compound File with the VBA
 * project. The zlib stream normally starts at the offset the header gives (u16 at 0x1E, plus 46);
 * when that fails, the first zlib header in the first kilobyte is tried, as olevba does.
 */
final class ActiveMime {

    private static final byte[] MAGIC = "ActiveMime".getBytes(StandardCharsets.US_ASCII);

    private ActiveMime() {}

    static boolean isActiveMime(byte[] data) {
        if (data.length < MAGIC.length) return false;
        for (int i = 0; i < MAGIC.length; i++) if (data[i] != MAGIC[i]) return false;
        return true;
    }

    /** The inflated payload, at most {@code max} bytes, or empty when no zlib stream inflates. */
    static Optional<byte[]> decode(byte[] data, long max) {
        if (!isActiveMime(data)) return Optional.empty();
        if (data.length > 0x20) {
            int offset = Bytes.u16le(data, 0x1E) + 46;
            Optional<byte[]> out = inflate(data, offset, max);
            if (out.isPresent()) return out;
        }
        for (int i = MAGIC.length; i + 1 < Math.min(data.length, 1024); i++) {
            if ((data[i] & 0xff) == 0x78 && Bytes.u16be(data, i) % 31 == 0) {
                Optional<byte[]> out = inflate(data, i, max);
                if (out.isPresent()) return out;
            }
        }
        return Optional.empty();
    }

    private static Optional<byte[]> inflate(byte[] data, int offset, long max) {
        if (offset < 0 || offset >= data.length) return Optional.empty();
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(data, offset, data.length - offset);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[64 * 1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
                out.write(buf, 0, n);
                if (out.size() > max) return Optional.empty();
            }
            return out.size() > 0 ? Optional.of(out.toByteArray()) : Optional.empty();
        } catch (DataFormatException e) {
            return Optional.empty();
        } finally {
            inflater.end();
        }
    }
}
