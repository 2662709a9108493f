package dev.prefilter.engine.office;

import dev.prefilter.engine.binary.CrcCheckedInputStream;
import dev.prefilter.engine.content.Content;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * The parts of an OOXML package (a zip), read through the node's seekable channel so that a
 * spilled document is not loaded whole. Every part is read through a bound: a part that expands
 * past it fails with {@link PartTooLargeException} instead of growing the heap. A part read to its
 * end is checked against the CRC-32 the zip stores for it (the zip reader does not check it): a
 * damaged part fails with an IOException rather than handing garbage to a parser.
 */
public final class OoxmlZip implements AutoCloseable {

    private final ZipFile zip;
    private final List<ZipArchiveEntry> parts;

    private OoxmlZip(ZipFile zip) {
        this.zip = zip;
        List<ZipArchiveEntry> list = new ArrayList<>();
        for (ZipArchiveEntry e : Collections.list(zip.getEntries())) {
            if (!e.isDirectory()) {
                list.add(e);
            }
        }
        this.parts = List.copyOf(list);
    }

    public static OoxmlZip open(Content content) throws IOException {
        SeekableByteChannel channel = content.openChannel();
        try {
            return new OoxmlZip(ZipFile.builder()
                    .setSeekableByteChannel(channel)
                    .setIgnoreLocalFileHeader(false)
                    .get());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Part names as stored, without a leading slash (e.g. {@code word/_rels/document.xml.rels}). */
    public List<ZipArchiveEntry> parts() {
        return parts;
    }

    public Optional<ZipArchiveEntry> part(String name) {
        String wanted = name.startsWith("/") ? name.substring(1) : name;
        for (ZipArchiveEntry e : parts) {
            if (e.getName().equalsIgnoreCase(wanted)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The part's bytes as a stream that fails once more than {@code max} bytes come out. */
    public InputStream open(ZipArchiveEntry part, long max) throws IOException {
        if (!zip.canReadEntryData(part)) {
            throw new IOException(
                    "part " + part.getName() + " uses an unsupported zip feature (encryption or compression method)");
        }
        InputStream checked =
                CrcCheckedInputStream.failing(zip.getInputStream(part), part.getCrc(), "part " + part.getName());
        return new Bounded(checked, part.getName(), max);
    }

    public byte[] read(ZipArchiveEntry part, long max) throws IOException {
        try (InputStream in = open(part, max)) {
            ByteArrayOutputStream out =
                    new ByteArrayOutputStream((int) Math.min(Math.max(part.getSize(), 256), 1 << 20));
            in.transferTo(out);
            return out.toByteArray();
        }
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    /** Counts what comes out of a part and stops it at the bound. */
    private static final class Bounded extends FilterInputStream {
        private final String name;
        private final long max;
        private long count;

        Bounded(InputStream in, String name, long max) {
            super(in);
            this.name = name;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PartTooLargeException {
            count += n;
            if (count > max) {
                throw new PartTooLargeException(name, max);
            }
        }
    }
}
