package dev.prefilter.engine.office.crypto;

import dev.prefilter.engine.model.Evidence;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.util.Optional;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hslf.usermodel.HSLFSlideShowImpl;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.hwpf.HWPFDocument;
import org.apache.poi.poifs.crypt.Decryptor;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Tries one password on one encrypted document with POI's decryptors and, when it fits, gives
 * the plaintext document: the OOXML package out of {@code EncryptedPackage}, or the binary
 * document (.xls, .doc, .ppt) read with the password and written back without encryption.
 * One instance per document (the OOXML key material is read once); not shared between threads.
 */
final class OfficeDecryptor {

    /** The password did not fit, or the document cannot be decrypted by POI (say why). */
    static final class Refused extends Exception {
        Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Opens the document's Compound File afresh. */
    @FunctionalInterface
    interface Opener {
        POIFSFileSystem open() throws IOException;
    }

    private final EncryptedDocument document;
    private final POIFSFileSystem fs;
    private final Opener opener;
    private Decryptor ooxml;

    /**
     * @param fs the open document, used for OOXML (the plaintext stream reads from it while it stays open)
     * @param opener a fresh copy for each binary attempt: POI's readers leave the file system unusable
     *     after a wrong password (seen with HSLF: the next read fails in the mini stream)
     */
    OfficeDecryptor(EncryptedDocument document, POIFSFileSystem fs, Opener opener) {
        this.document = document;
        this.fs = fs;
        this.opener = opener;
    }

    /** The plaintext when {@code password} opens the document, else empty. */
    Optional<InputStream> open(String password) throws Refused, IOException {
        return switch (document.format()) {
            case "ooxml" -> openPackage(password);
            case "xls", "doc", "ppt" -> openBinary(password);
            default -> throw new Refused("no decryptor for " + document.format(), null);
        };
    }

    private Optional<InputStream> openPackage(String password) throws Refused, IOException {
        try {
            if (ooxml == null) {
                ooxml = new EncryptionInfo(fs).getDecryptor();
            }
            if (!ooxml.verifyPassword(password)) return Optional.empty();
            return Optional.of(ooxml.getDataStream(fs));
        } catch (GeneralSecurityException | EncryptedDocumentException | IllegalArgumentException e) {
            throw new Refused("the encryption could not be processed: " + e.getMessage(), e);
        }
    }

    /**
     * POI decrypts the binary formats while it reads them, with the password in a thread-local
     * ({@link Biff8EncryptionKey}); writing with no password set leaves the encryption out.
     */
    private Optional<InputStream> openBinary(String password) throws Refused, IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Biff8EncryptionKey.setCurrentUserPassword(password);
        try (POIFSFileSystem fs = opener.open()) {
            switch (document.format()) {
                case "xls" -> {
                    HSSFWorkbook workbook = new HSSFWorkbook(fs.getRoot(), true);
                    Biff8EncryptionKey.setCurrentUserPassword(null);
                    workbook.write(out);
                }
                case "doc" -> {
                    HWPFDocument doc = new HWPFDocument(fs.getRoot());
                    Biff8EncryptionKey.setCurrentUserPassword(null);
                    doc.write(out);
                }
                default -> {
                    HSLFSlideShowImpl ppt = new HSLFSlideShowImpl(fs.getRoot());
                    Biff8EncryptionKey.setCurrentUserPassword(null);
                    ppt.write(out);
                }
            }
        } catch (EncryptedDocumentException wrongPassword) {
            if (isUnsupported(wrongPassword)) throw new Refused(wrongPassword.getMessage(), wrongPassword);
            return Optional.empty();
        } catch (org.apache.poi.util.RecordFormatException
                | IllegalArgumentException
                | IllegalStateException
                | IndexOutOfBoundsException
                | java.util.NoSuchElementException
                | java.nio.BufferUnderflowException
                | NegativeArraySizeException e) {
            throw new Refused("the document could not be read with this password: " + Evidence.error(e), e);
        } finally {
            Biff8EncryptionKey.setCurrentUserPassword(null);
        }
        return Optional.of(new ByteArrayInputStream(out.toByteArray()));
    }

    private static boolean isUnsupported(EncryptedDocumentException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return m.contains("unsupported") || m.contains("not supported");
    }
}
