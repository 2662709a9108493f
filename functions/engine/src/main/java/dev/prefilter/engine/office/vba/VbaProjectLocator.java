package dev.prefilter.engine.office.vba;

import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.content.Content;
import dev.prefilter.engine.model.Evidence;
import dev.prefilter.engine.office.DamagedInput;
import dev.prefilter.engine.office.OfficeTypes;
import dev.prefilter.engine.office.Ole2Files;
import dev.prefilter.engine.office.OoxmlPackage;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hslf.exceptions.OldPowerPointFormatException;
import org.apache.poi.hslf.usermodel.HSLFObjectData;
import org.apache.poi.hslf.usermodel.HSLFSlideShowImpl;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.util.RecordFormatException;

/**
 * Where VBA projects live in each container: the Compound File itself (Word, Excel, a
 * vbaProject.bin handed over as a node), {@code vbaProject.bin} parts of OOXML packages (docm,
 * xlsm, xlsb, pptm …), and PowerPoint 97-2003, where the project is a zlib-compressed
 * ExOleObjStg inside the "PowerPoint Document" stream.
 */
public final class VbaProjectLocator {

    private static final String VBA_PROJECT_TYPE = "application/vnd.ms-office.vbaproject";

    private final VbaProjectReader reader;
    private final long maxPartBytes;

    public VbaProjectLocator(VbaProjectReader reader, long maxPartBytes) {
        this.reader = reader;
        this.maxPartBytes = maxPartBytes;
    }

    /** Projects found, and what could not be opened on the way (for a parse finding). */
    public record Located(List<VbaProject> projects, List<String> problems) {}

    public Located locate(NodeInfo node, Content content) throws IOException {
        if (OfficeTypes.isOoxml(node)) return fromPackage(content);
        List<String> problems = new ArrayList<>();
        List<VbaProject> projects;
        try (POIFSFileSystem fs = Ole2Files.open(content, maxPartBytes)) {
            if (fs.getRoot().getEntryCount() == 0) {
                problems.add("the Compound File's directory lists no stream at all: it is damaged");
            }
            projects = new ArrayList<>(reader.readAll(fs.getRoot()));
            if (projects.isEmpty() && OfficeTypes.isPowerPointOle2(node)) {
                projects.addAll(fromPowerPoint(fs, problems));
            }
        }
        return new Located(projects, problems);
    }

    private Located fromPackage(Content content) throws IOException {
        List<VbaProject> projects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try (OoxmlPackage pkg = OoxmlPackage.open(content, maxPartBytes)) {
            for (String part : pkg.partNames()) {
                boolean vba = part.toLowerCase(Locale.ROOT).endsWith("vbaproject.bin")
                        || VBA_PROJECT_TYPE.equals(pkg.contentType(part));
                if (!vba) continue;
                try {
                    Optional<byte[]> bytes = pkg.read(part, maxPartBytes);
                    if (bytes.isEmpty()) continue;
                    if (!Ole2Files.hasMagic(bytes.get())) {
                        problems.add(part + " is not a Compound File");
                        continue;
                    }
                    byte[] bin = bytes.get();
                    List<VbaProject> found = DamagedInput.guard(() -> {
                        try (POIFSFileSystem fs = Ole2Files.open(bin)) {
                            return reader.readAll(fs.getRoot());
                        }
                    });
                    if (found.isEmpty()) problems.add(part + " holds no VBA project");
                    for (VbaProject p : found) {
                        projects.add(relabel(p, part + (p.storagePath().isEmpty() ? "" : "/" + p.storagePath())));
                    }
                } catch (IOException e) {
                    problems.add(part + ": " + e.getMessage());
                }
            }
        }
        return new Located(projects, problems);
    }

    /**
     * PowerPoint 97-2003 keeps the project in an embedded object storage; any embedded storage with a
     * VBA project counts.
     */
    private List<VbaProject> fromPowerPoint(POIFSFileSystem fs, List<String> problems) {
        List<VbaProject> projects = new ArrayList<>();
        HSLFSlideShowImpl ppt;
        try {
            ppt = new HSLFSlideShowImpl(fs.getRoot());
        } catch (EncryptedDocumentException e) {
            return projects;
        } catch (OldPowerPointFormatException e) {
            // PowerPoint 95 and older: VBA came with PowerPoint 97, there is no project to look for
            return projects;
        } catch (IOException
                | RecordFormatException
                | IllegalArgumentException
                | IndexOutOfBoundsException
                | java.util.NoSuchElementException
                | java.nio.BufferUnderflowException
                | NegativeArraySizeException e) {
            problems.add("PowerPoint records unreadable: " + Evidence.error(e));
            return projects;
        }
        int index = 0;
        for (HSLFObjectData object : ppt.getEmbeddedObjects()) {
            index++;
            try (InputStream in = object.getInputStream()) {
                byte[] data = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxPartBytes + 1));
                if (data.length > maxPartBytes || !Ole2Files.hasMagic(data)) continue;
                List<VbaProject> found = DamagedInput.guard(() -> {
                    try (POIFSFileSystem embedded = Ole2Files.open(data)) {
                        return reader.readAll(embedded.getRoot());
                    }
                });
                for (VbaProject p : found) {
                    projects.add(relabel(
                            p,
                            "PowerPoint Document/ExOleObjStg " + index
                                    + (p.storagePath().isEmpty() ? "" : "/" + p.storagePath())));
                }
            } catch (IOException e) {
                problems.add("embedded object " + index + ": " + e.getMessage());
            }
        }
        return projects;
    }

    private static VbaProject relabel(VbaProject p, String path) {
        return new VbaProject(path, p.codePage(), p.win64(), p.modules(), p.compiledProject(), p.problems());
    }
}
