package dev.prefilter.engine.office.dde;

import dev.prefilter.engine.binary.Bytes;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.Entry;

/**
 * DDE links of an Excel 97-2003 workbook. Each external reference is a SUPBOOK record
 * (MS-XLS 2.4.271); for a DDE link its path is the server name, the character 0x03, and the
 * topic: {@code cmd\u0003/c calc}, where an encoded file path would start with 0x01. Records
 * are walked by their headers only; the walk stops at FILEPASS, after which record bodies are
 * encrypted.
 */
final class BiffDdeReader {

    private static final int SUPBOOK = 0x01AE;
    private static final int FILEPASS = 0x002F;
    private static final char DDE_DELIMITER = '\u0003';
    private static final int MAX_HITS = 100;

    private BiffDdeReader() {}

    static List<DdeHit> read(DirectoryNode root, Runnable checkTime) throws IOException {
        Entry entry = root.hasEntryCaseInsensitive("Workbook")
                ? root.getEntryCaseInsensitive("Workbook")
                : root.hasEntryCaseInsensitive("Book") ? root.getEntryCaseInsensitive("Book") : null;
        if (!(entry instanceof DocumentEntry doc)) {
            return List.of();
        }
        List<DdeHit> hits = new ArrayList<>();
        try (InputStream raw = root.createDocumentInputStream(doc);
                DataInputStream in = new DataInputStream(raw)) {
            int records = 0;
            while (hits.size() < MAX_HITS) {
                int sid;
                int len;
                try {
                    sid = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
                    len = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
                } catch (EOFException end) {
                    break;
                }
                if (++records % 20_000 == 0) {
                    checkTime.run();
                }
                if (sid == FILEPASS) {
                    break;
                }
                if (sid == SUPBOOK) {
                    byte[] body = new byte[len];
                    in.readFully(body);
                    String path = virtualPath(body);
                    // an encoded file path starts with a control character (0x01) and uses 0x03 as its
                    // directory separator; a DDE path starts with the server's name
                    boolean plain = path != null && !path.isEmpty() && path.charAt(0) >= 0x20;
                    int delimiter = plain ? path.indexOf(DDE_DELIMITER) : -1;
                    if (delimiter > 0) {
                        hits.add(new DdeHit(
                                DdeHit.Kind.LINK,
                                path.substring(0, delimiter),
                                path.substring(delimiter + 1),
                                "Workbook SUPBOOK"));
                    }
                } else {
                    in.skipNBytes(len);
                }
            }
        } catch (EOFException truncated) {
            // a record runs past the stream: what was read so far stands
        }
        return hits;
    }

    /** The virtPath of a SUPBOOK body (ctab, cch, XLUnicodeStringNoCch); null for self and add-in references. */
    static String virtualPath(byte[] body) {
        if (body.length < 5) {
            return null;
        }
        int cch = Bytes.u16le(body, 2);
        if (cch == 0x0401 || cch == 0x3A01 || cch == 0) {
            return null;
        }
        boolean wide = (body[4] & 0x01) != 0;
        int bytes = Math.min(wide ? cch * 2 : cch, body.length - 5);
        return new String(body, 5, bytes, wide ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
    }
}
