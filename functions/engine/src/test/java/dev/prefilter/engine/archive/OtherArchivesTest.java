package dev.prefilter.engine.archive;

import static dev.prefilter.engine.fixtures.Archives.files;
import static dev.prefilter.engine.testing.TestEngines.node;
import static dev.prefilter.engine.testing.TestEngines.scanFile;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.fixtures.Archives;
import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.junit.jupiter.api.Test;

class OtherArchivesTest {

    @Test
    void sevenZipMembersAreUnpacked() {
        Report report = scanFile("pack.7z", Archives.sevenZip(files("readme.txt", "hello", "setup.exe", Samples.pe())));
        assertEquals(Origin.ARCHIVE_MEMBER, node(report, "readme.txt").origin());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void tarInsideGzipIsFollowedToTheMembers() {
        byte[] tgz = Archives.gzip(Archives.tar(files("a/notes.txt", "hello", "a/run.bat", "@echo off\r\ncalc\r\n")));

        Report report = scanFile("backup.tgz", tgz);

        assertEquals(
                "backup.tgz > backup.tar > a/run.bat", node(report, "a/run.bat").path());
        assertEquals(Origin.DECOMPRESSED, node(report, "backup.tar").origin());
        assertEquals(Verdict.MALICIOUS, report.verdict());
    }

    @Test
    void bzip2AndXzStreamsAreDecompressed() throws IOException {
        byte[] text = Samples.text("plain text ".repeat(50));
        ByteArrayOutputStream bz = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream out = new BZip2CompressorOutputStream(bz)) {
            out.write(text);
        }
        ByteArrayOutputStream xz = new ByteArrayOutputStream();
        try (XZCompressorOutputStream out = new XZCompressorOutputStream(xz)) {
            out.write(text);
        }
        assertEquals(
                text.length,
                node(scanFile("notes.txt.bz2", bz.toByteArray()), "notes.txt").size());
        assertEquals(
                text.length,
                node(scanFile("notes.txt.xz", xz.toByteArray()), "notes.txt").size());
    }
}
