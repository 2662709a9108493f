package dev.prefilter.engine.office.dde;

import java.io.IOException;
import java.util.List;
import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.hwpf.HWPFOldDocument;
import org.apache.poi.hwpf.OldWordFileFormatException;
import org.apache.poi.poifs.filesystem.DirectoryNode;

/**
 * Field instructions of a Word 97-2003 document. Fields live in the text stream as
 * {@code 0x13 instruction 0x14 result 0x15}; HWPF gives the whole text (main document, headers,
 * footnotes, text boxes) through the piece table; Word 6/95 text through HWPF's old-format reader.
 */
final class DocFieldReader {

    private DocFieldReader() {}

    static List<String> instructions(DirectoryNode root, Runnable checkTime) throws IOException {
        if (!mayHoldDde(root)) {
            return List.of();
        }
        String text;
        try (HWPFDocument doc = new HWPFDocument(root)) {
            text = doc.getDocumentText();
        } catch (OldWordFileFormatException e) {
            // Word 6/95 documents carry fields (and DDE) the same way; POI reads their text separately
            try (HWPFOldDocument old = new HWPFOldDocument(root)) {
                text = old.getText().toString();
            }
        }
        checkTime.run();
        return fromText(text);
    }

    /**
     * A cheap look at the raw text stream before HWPF builds the document: without "DDE" or
     * "QUOTE" (the character-code trick) in 8-bit or UTF-16 text there is no DDE field to find.
     */
    static boolean mayHoldDde(DirectoryNode root) throws IOException {
        if (!root.hasEntryCaseInsensitive("WordDocument")) {
            return true;
        }
        byte[] raw;
        try (java.io.InputStream in = root.createDocumentInputStream(root.getEntryCaseInsensitive("WordDocument"))) {
            raw = in.readAllBytes();
        }
        return contains(raw, "dde", 1)
                || contains(raw, "dde", 2)
                || contains(raw, "quote", 1)
                || contains(raw, "quote", 2);
    }

    /** Case-insensitive ASCII search, with {@code stride} 2 for UTF-16LE text. */
    private static boolean contains(byte[] data, String word, int stride) {
        int span = word.length() * stride;
        outer:
        for (int i = 0; i + span <= data.length; i++) {
            for (int k = 0; k < word.length(); k++) {
                int b = data[i + k * stride] | 0x20;
                if (b != word.charAt(k) || stride == 2 && data[i + k * stride + 1] != 0) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Field instructions in Word's text stream form: {@code 0x13 instruction 0x14 result 0x15}, nestable. */
    static List<String> fromText(String text) {
        FieldCollector fields = new FieldCollector();
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0x13 || c == 0x14 || c == 0x15) {
                fields.text(run.toString());
                run.setLength(0);
                if (c == 0x13) {
                    fields.begin();
                } else if (c == 0x14) {
                    fields.separate();
                } else {
                    fields.end();
                }
            } else {
                run.append(c);
            }
        }
        fields.text(run.toString());
        return fields.finish();
    }
}
