package dev.prefilter.local.mail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import net.lingala.zip4j.model.ZipParameters;
import net.lingala.zip4j.model.enums.AesKeyStrength;
import net.lingala.zip4j.model.enums.EncryptionMethod;

/** Zip archives for test and demo mails: plain ones with java.util.zip, encrypted ones with zip4j (AES-256). */
public final class Archives {

    private Archives() {}

    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (var e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] encryptedZip(Map<String, byte[]> entries, String password) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var zip = new net.lingala.zip4j.io.outputstream.ZipOutputStream(out, password.toCharArray())) {
            for (var e : entries.entrySet()) {
                ZipParameters p = new ZipParameters();
                p.setFileNameInZip(e.getKey());
                p.setEncryptFiles(true);
                p.setEncryptionMethod(EncryptionMethod.AES);
                p.setAesKeyStrength(AesKeyStrength.KEY_STRENGTH_256);
                zip.putNextEntry(p);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
