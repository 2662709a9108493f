package dev.prefilter.engine.detect;

import dev.prefilter.engine.content.Content;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Reads the main attributes of a Java archive's {@code META-INF/MANIFEST.MF}: only an archive
 * that names a {@code Main-Class} starts a program when it is double-clicked. Libraries, web and
 * enterprise archives do not.
 */
final class JarManifest {

    private static final String MANIFEST = "META-INF/MANIFEST.MF";
    /** Real manifests are a few KiB; one that is larger is not read (and so names no Main-Class). */
    private static final int MAX_MANIFEST = 256 * 1024;

    private JarManifest() {}

    /** The manifest entry; the launcher finds it in any letter case, and so does this. */
    private static ZipArchiveEntry manifest(ZipFile zip) {
        ZipArchiveEntry exact = zip.getEntry(MANIFEST);
        if (exact != null) return exact;
        for (ZipArchiveEntry e : java.util.Collections.list(zip.getEntries())) {
            if (e.getName().equalsIgnoreCase(MANIFEST)) return e;
        }
        return null;
    }

    static boolean hasMainClass(Content content) {
        try (SeekableByteChannel channel = content.openChannel();
                ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).get()) {
            ZipArchiveEntry entry = manifest(zip);
            if (entry == null || !zip.canReadEntryData(entry)) return false;
            byte[] bytes;
            try (InputStream in = zip.getInputStream(entry)) {
                bytes = in.readNBytes(MAX_MANIFEST + 1);
            }
            if (bytes.length > MAX_MANIFEST) return false;
            String mainClass = new Manifest(new java.io.ByteArrayInputStream(bytes))
                    .getMainAttributes()
                    .getValue(Attributes.Name.MAIN_CLASS);
            return mainClass != null && !mainClass.isBlank();
        } catch (IOException | RuntimeException e) {
            // a damaged archive: the zip analyzer reports it; for the type it is a Java archive that cannot run
            return false;
        }
    }
}
