package dev.prefilter.engine.office.crypto;

import static dev.prefilter.engine.binary.Bytes.u16le;
import static dev.prefilter.engine.binary.Bytes.u32le;

import dev.prefilter.engine.office.Ole2Files;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.DocumentInputStream;
import org.apache.poi.poifs.filesystem.Entry;

/**
 * Says whether a Compound File is an encrypted Office document, without a password:
 * OOXML packages wrapped in {@code EncryptionInfo}/{@code EncryptedPackage} (MS-OFFCRYPTO agile or
 * standard), Excel's FILEPASS record, Word's FIB fEncrypted flag, PowerPoint's encrypted
 * CurrentUser header token; and Information Rights Management, which no password opens.
 */
final class EncryptionProbe {

    private static final int FILEPASS = 0x002F;
    private static final int BOF = 0x0809;
    private static final long PPT_ENCRYPTED_TOKEN = 0xF3D1C4DFL;

    private EncryptionProbe() {}

    static Optional<EncryptedDocument> probe(DirectoryNode root) throws IOException {
        if (root.hasEntryCaseInsensitive("EncryptionInfo") && root.hasEntryCaseInsensitive("EncryptedPackage")) {
            return Optional.of(new EncryptedDocument("ooxml", ooxmlMethod(root)));
        }
        Optional<DocumentEntry> workbook =
                Ole2Files.document(root, "Workbook").or(() -> Ole2Files.document(root, "Book"));
        if (workbook.isPresent()) return excel(workbook.get());
        Optional<DocumentEntry> word = Ole2Files.document(root, "WordDocument");
        if (word.isPresent()) return word(root, word.get());
        Optional<DocumentEntry> currentUser = Ole2Files.document(root, "Current User");
        if (currentUser.isPresent()
                && Ole2Files.document(root, "PowerPoint Document").isPresent()) return powerPoint(currentUser.get());
        return Optional.empty();
    }

    /**
     * The data space that marks Information Rights Management (MS-OFFCRYPTO 2.2): a
     * {@code \6DataSpaces} storage whose data space or transform is a DRM one
     * ({@code DRMEncryptedDataSpace}, {@code DRMEncryptedTransform}, Office 2003's
     * {@code \tDRMDataSpace}), or the encrypted {@code \tDRMContent} stream beside it.
     * Password encryption uses {@code StrongEncryptionDataSpace} and is no match.
     */
    static Optional<String> rightsManagement(DirectoryNode root) {
        if (!(entry(root, "\u0006DataSpaces") instanceof DirectoryNode spaces)) return Optional.empty();
        for (String storage : List.of("DataSpaceInfo", "TransformInfo")) {
            if (entry(spaces, storage) instanceof DirectoryNode dir) {
                for (Entry e : dir) {
                    if (e.getName().contains("DRM"))
                        return Optional.of(e.getName().strip());
                }
            }
        }
        if (entry(root, "\u0009DRMContent") != null) return Optional.of("DRMContent");
        return Optional.empty();
    }

    private static Entry entry(DirectoryNode dir, String name) {
        try {
            return dir.hasEntryCaseInsensitive(name) ? dir.getEntryCaseInsensitive(name) : null;
        } catch (java.io.FileNotFoundException e) {
            return null;
        }
    }

    private static String ooxmlMethod(DirectoryNode root) throws IOException {
        byte[] head = head(Ole2Files.document(root, "EncryptionInfo").orElseThrow(), 8);
        if (head.length < 4) return "unknown";
        int major = u16le(head, 0);
        int minor = u16le(head, 2);
        if (major == 4 && minor == 4) return "agile";
        if ((major == 3 || major == 4) && minor == 2) return "standard";
        return "unknown";
    }

    /**
     * FILEPASS sits right after the globals' BOF. BIFF8: wEncryptionType 0 is XOR, 1 is RC4 (version
     * 1.1) or CryptoAPI. BIFF5 (Excel 5/95, BOF version below 0x0600) knows only XOR obfuscation: its
     * FILEPASS is the key and verifier, with no type field.
     */
    private static Optional<EncryptedDocument> excel(DocumentEntry workbook) throws IOException {
        byte[] d = head(workbook, 4096);
        int pos = 0;
        boolean biff8 = true;
        for (int i = 0; i < 64 && pos + 4 <= d.length; i++) {
            int sid = u16le(d, pos);
            int len = u16le(d, pos + 2);
            if (i == 0 && sid != BOF) return Optional.empty();
            if (i == 0 && len >= 2 && pos + 6 <= d.length) biff8 = u16le(d, pos + 4) >= 0x0600;
            if (sid == FILEPASS) {
                if (!biff8) return Optional.of(new EncryptedDocument("xls", "xor"));
                if (pos + 4 + 2 > d.length) return Optional.of(new EncryptedDocument("xls", "unknown"));
                int type = u16le(d, pos + 4);
                if (type == 0) return Optional.of(new EncryptedDocument("xls", "xor"));
                int major = pos + 8 <= d.length ? u16le(d, pos + 6) : 0;
                return Optional.of(new EncryptedDocument("xls", major == 1 ? "rc4" : "cryptoapi"));
            }
            pos += 4 + len;
        }
        return Optional.empty();
    }

    /** FIB base: flags at 0x0A, fEncrypted 0x0100, fObfuscated 0x8000; the key data starts the table stream. */
    private static Optional<EncryptedDocument> word(DirectoryNode root, DocumentEntry word) throws IOException {
        byte[] fib = head(word, 32);
        if (fib.length < 12) return Optional.empty();
        int flags = u16le(fib, 0x0A);
        if ((flags & 0x0100) == 0) return Optional.empty();
        if ((flags & 0x8000) != 0) return Optional.of(new EncryptedDocument("doc", "xor"));
        String table = (flags & 0x0200) != 0 ? "1Table" : "0Table";
        Optional<DocumentEntry> tableStream = Ole2Files.document(root, table);
        if (tableStream.isEmpty()) return Optional.of(new EncryptedDocument("doc", "unknown"));
        byte[] t = head(tableStream.get(), 4);
        return Optional.of(new EncryptedDocument("doc", t.length >= 2 && u16le(t, 0) == 1 ? "rc4" : "cryptoapi"));
    }

    private static Optional<EncryptedDocument> powerPoint(DocumentEntry currentUser) throws IOException {
        byte[] cu = head(currentUser, 16);
        if (cu.length < 16) return Optional.empty();
        long token = u32le(cu, 12);
        return token == PPT_ENCRYPTED_TOKEN ? Optional.of(new EncryptedDocument("ppt", "cryptoapi")) : Optional.empty();
    }

    private static byte[] head(DocumentEntry doc, int max) throws IOException {
        try (DocumentInputStream in = new DocumentInputStream(doc)) {
            return in.readNBytes(Math.min(max, doc.getSize()));
        }
    }
}
