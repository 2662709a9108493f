package dev.prefilter.engine.office.ole;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.office.OfficeTypes;
import dev.prefilter.engine.office.Ole2Files;
import dev.prefilter.engine.office.OoxmlZip;
import dev.prefilter.engine.office.PartTooLargeException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.BufferUnderflowException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hslf.exceptions.OldPowerPointFormatException;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.util.RecordFormatException;

/**
 * Finds the objects embedded in Office documents and hands their payloads back to the engine:
 * OLE Packages (files and command lines) and documents stored as objects, in OLE2 object pools and
 * storages (Word {@code ObjectPool}, Excel {@code MBD*}), PowerPoint ExOleObjStg records and
 * OOXML {@code embeddings/} parts; Equation Editor and linked objects are named.
 */
public final class OleObjectAnalyzer implements Analyzer {

    @Override
    public String name() {
        return "ole-objects";
    }

    /** Objects, links and DDE are one aspect of a document: its macros still need their own analyzer. */
    @Override
    public boolean completesInspection() {
        return false;
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return OfficeTypes.ole2(node) || OfficeTypes.ooxml(node) || OfficeTypes.odf(node);
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        List<Map<String, Object>> facts = new ArrayList<>();
        OleObjectReporter reporter = new OleObjectReporter(ctx, facts);
        OleStorageScanner scanner = new OleStorageScanner(ctx.limits().maxInMemoryParse(), ctx::checkTime);
        try {
            if (OfficeTypes.ooxml(ctx.node()) || OfficeTypes.odf(ctx.node())) {
                zipped(ctx, scanner, reporter, OfficeTypes.odf(ctx.node()));
            } else {
                ole2(ctx, scanner, reporter);
            }
        } finally {
            if (!facts.isEmpty()) {
                ctx.fact("oleObjects", facts);
            }
        }
    }

    private void ole2(AnalysisContext ctx, OleStorageScanner scanner, OleObjectReporter reporter) throws IOException {
        List<OleObject> objects = new ArrayList<>();
        String failure = null;
        try (POIFSFileSystem fs = open(ctx)) {
            DirectoryNode root = fs.getRoot();
            String kind = OleStorageScanner.documentKind(root);
            if (kind != null) {
                scanner.scanDocument(root, objects);
            } else {
                scanner.scanObject(root, "root", null, objects);
            }
            if ("powerpoint".equals(kind)) {
                for (OleObject o : objects) {
                    reporter.report(o);
                }
                objects.clear();
                failure = powerPoint(ctx, root, scanner, reporter);
            }
        } catch (IOException
                | RecordFormatException
                | IllegalArgumentException
                | IllegalStateException
                | IndexOutOfBoundsException
                | NegativeArraySizeException
                | BufferUnderflowException
                | NoSuchElementException e) {
            // what POI throws for a damaged compound file (bad sector chains, a missing root property)
            failure = Evidence.error(e);
        }
        for (OleObject o : objects) {
            reporter.report(o);
        }
        if (failure != null) {
            ctx.report(Finding.of(
                            "parse.ole2",
                            Severity.HIGH,
                            "the OLE2 structure of this document could not be read completely; "
                                    + "embedded objects may be missed")
                    .with("error", Evidence.text(failure))
                    .build());
        }
    }

    /**
     * PowerPoint objects, reported one at a time; returns an error text when the stream could not be
     * read, null otherwise.
     */
    private String powerPoint(
            AnalysisContext ctx, DirectoryNode root, OleStorageScanner scanner, OleObjectReporter reporter) {
        try {
            PowerPointObjects.read(root, ctx.limits().maxInMemoryParse(), ctx::checkTime, blob -> {
                if (blob.bytes() == null) {
                    reporter.report(new OleObject.Oversized(
                            blob.location(), blob.oversizedAt(), ctx.limits().maxInMemoryParse()));
                } else {
                    for (OleObject o : scanner.scanBlob(blob.location(), blob.bytes())) {
                        reporter.report(o);
                    }
                }
            });
            return null;
        } catch (EncryptedDocumentException e) {
            // an encrypted presentation: the encryption analyzers report it; its objects cannot be reached
            ctx.fact("oleObjectsSkipped", "encrypted presentation");
            return null;
        } catch (OldPowerPointFormatException e) {
            // PowerPoint 95 and older keep objects in records POI does not read: a format, not damage
            ctx.fact("oleObjectsSkipped", "PowerPoint 95 presentation");
            ctx.report(Finding.of(
                            "office.old-format",
                            Severity.INFO,
                            "a PowerPoint 95 (or older) presentation: the format has no VBA, and its embedded "
                                    + "objects are not extracted")
                    .with("format", "PowerPoint 95")
                    .build());
            return null;
        } catch (IOException
                | RecordFormatException
                | IllegalArgumentException
                | IllegalStateException
                | IndexOutOfBoundsException
                | NegativeArraySizeException
                | BufferUnderflowException
                | NoSuchElementException e) {
            return "PowerPoint objects: " + Evidence.error(e);
        }
    }

    private void zipped(AnalysisContext ctx, OleStorageScanner scanner, OleObjectReporter reporter, boolean odf)
            throws IOException {
        try (OoxmlZip zip = OoxmlZip.open(ctx.content())) {
            for (ZipArchiveEntry part : zip.parts()) {
                if (odf ? !isOdfObject(part.getName()) : !isEmbedding(part.getName())) {
                    continue;
                }
                ctx.checkTime();
                if (!embedding(ctx, zip, part, scanner, reporter)) {
                    return;
                }
            }
        } catch (PartTooLargeException e) {
            ctx.report(Finding.of(
                            "limit.ole-object-size",
                            Severity.HIGH,
                            "an embedded object is larger than the in-memory bound and was not opened")
                    .with("error", Evidence.text(e.getMessage()))
                    .with("limit", e.limit())
                    .build());
        } catch (IOException
                | IllegalArgumentException
                | IndexOutOfBoundsException
                | RecordFormatException
                | NegativeArraySizeException
                | BufferUnderflowException
                | NoSuchElementException e) {
            ctx.report(Finding.of(
                            "parse.ooxml-embedding",
                            Severity.HIGH,
                            "an embedded object of this document could not be read; it is not inspected")
                    .withError(e)
                    .build());
        }
    }

    /** One {@code embeddings/} part; returns false when the engine refused a child (stop adding). */
    private boolean embedding(
            AnalysisContext ctx,
            OoxmlZip zip,
            ZipArchiveEntry part,
            OleStorageScanner scanner,
            OleObjectReporter reporter)
            throws IOException {
        String name = part.getName();
        try (InputStream raw = zip.open(part, ctx.limits().maxInMemoryParse());
                BufferedInputStream in = new BufferedInputStream(raw)) {
            in.mark(8);
            byte[] head = in.readNBytes(8);
            in.reset();
            if (OleStorageScanner.isOle2(head)) {
                byte[] bytes = in.readAllBytes();
                for (OleObject o : scanner.scanBlob(name, bytes)) {
                    reporter.report(o);
                }
                return true;
            }
            ctx.report(Finding.of(
                            "ole.embedded-document",
                            Severity.INFO,
                            "a document is embedded as an object; it is analysed as a child")
                    .with("location", Evidence.text(name))
                    .with("kind", "ooxml-part")
                    .with("size", part.getSize())
                    .build());
            return ctx.child(
                    ChildSpec.labelled(name, Origin.EMBEDDED)
                            .withCompressedSize(part.getCompressedSize())
                            .withFact("oleLocation", name),
                    in);
        } catch (IOException
                | RecordFormatException
                | IllegalArgumentException
                | IllegalStateException
                | IndexOutOfBoundsException
                | NegativeArraySizeException
                | BufferUnderflowException
                | NoSuchElementException e) {
            if (e instanceof PartTooLargeException tooLarge) {
                throw tooLarge;
            }
            ctx.report(Finding.of(
                            "parse.ole2",
                            Severity.HIGH,
                            "an embedded OLE object could not be read; it is not inspected")
                    .with("location", Evidence.text(name))
                    .withError(e)
                    .build());
            return true;
        }
    }

    /** An ODF object entry ({@code Object 1}); native ODF objects are folders and are skipped by their content. */
    static boolean isOdfObject(String partName) {
        return partName.matches("(?:.*/)?Object \\d+") && !partName.startsWith("ObjectReplacements/");
    }

    static boolean isEmbedding(String partName) {
        String n = partName.toLowerCase(Locale.ROOT);
        return n.contains("/embeddings/") && !n.endsWith("/");
    }

    private static POIFSFileSystem open(AnalysisContext ctx) throws IOException {
        return Ole2Files.open(ctx.content(), ctx.limits().maxInMemoryParse());
    }
}
