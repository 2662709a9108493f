package dev.prefilter.engine.office.vba;

import dev.prefilter.engine.office.Ole2Files;
import java.io.IOException;
import java.nio.charset.Charset;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.DocumentEntry;
import org.apache.poi.poifs.filesystem.Entry;

/**
 * Finds every VBA project in a Compound File tree (Word's {@code Macros}, Excel's
 * {@code _VBA_PROJECT_CUR}, a {@code vbaProject.bin} root, projects of embedded objects) and
 * reads its modules straight from MS-OVBA structures. POI's {@code VBAMacroReader} does the same
 * job but hides the stream names and the compiled p-code, and gives up on the first malformed
 * record; this reader keeps what it can and says what it could not.
 */
public final class VbaProjectReader {

    private static final int MAX_DEPTH = 8;
    private static final int MAX_PROJECTS = 16;

    private final int maxSourceBytes;
    private final long maxStreamBytes;

    /**
     * @param maxSourceBytes most decompressed source kept per project (the rest is cut, and said so)
     * @param maxStreamBytes largest stream read into memory
     */
    public VbaProjectReader(int maxSourceBytes, long maxStreamBytes) {
        this.maxSourceBytes = maxSourceBytes;
        this.maxStreamBytes = maxStreamBytes;
    }

    public List<VbaProject> readAll(DirectoryNode root) {
        List<VbaProject> projects = new ArrayList<>();
        find(root, "", 0, projects);
        return projects;
    }

    private void find(DirectoryNode dir, String path, int depth, List<VbaProject> into) {
        if (depth > MAX_DEPTH || into.size() >= MAX_PROJECTS) return;
        Optional<DirectoryNode> vba = Ole2Files.directory(dir, "VBA");
        if (vba.isPresent() && Ole2Files.document(vba.get(), "dir").isPresent()) {
            into.add(read(path, vba.get()));
        } else if (Ole2Files.document(dir, "PROJECT").isPresent()) {
            // the project's description is there, its code storage is not (renamed or cut off by damage)
            into.add(new VbaProject(
                    path,
                    1252,
                    false,
                    List.of(),
                    new byte[0],
                    List.of("a PROJECT stream describes a VBA project, but there is no VBA "
                            + "storage with a dir stream")));
        }
        for (Entry e : dir) {
            if (e instanceof DirectoryNode sub && !e.getName().equalsIgnoreCase("VBA")) {
                find(sub, path.isEmpty() ? sub.getName() : path + "/" + sub.getName(), depth + 1, into);
            }
        }
    }

    /** Reads one project from its {@code VBA} storage. */
    VbaProject read(String path, DirectoryNode vba) {
        List<String> problems = new ArrayList<>();
        byte[] dirBytes;
        try {
            dirBytes = Ole2Files.read(Ole2Files.document(vba, "dir").orElseThrow(), maxStreamBytes);
        } catch (IOException e) {
            problems.add("dir stream unreadable: " + e.getMessage());
            return new VbaProject(path, 1252, false, List.of(), new byte[0], problems);
        }
        VbaDecompressor.Result dir = VbaDecompressor.decompress(dirBytes, 0, dirBytes.length, 1 << 20);
        if (dir.error() != null) problems.add("dir stream: " + dir.error());
        VbaDirStream.Parsed parsed = VbaDirStream.parse(dir.data());
        if (parsed.problem() != null) problems.add("dir stream: " + parsed.problem());
        Charset charset = VbaDirStream.charset(parsed.codePage());
        byte[] compiled = Ole2Files.document(vba, "_VBA_PROJECT")
                .map(d -> readQuietly(d, problems))
                .orElse(new byte[0]);
        List<VbaModule> modules = new ArrayList<>();
        int budget = maxSourceBytes;
        for (VbaDirStream.ModuleEntry entry : parsed.modules()) {
            VbaModule module = readModule(vba, entry, charset, budget);
            budget -= module.sourceBytes();
            if (module.problem() != null) problems.add("module " + entry.name() + ": " + module.problem());
            modules.add(module);
        }
        return new VbaProject(path, parsed.codePage(), parsed.win64(), modules, compiled, problems);
    }

    private VbaModule readModule(DirectoryNode vba, VbaDirStream.ModuleEntry entry, Charset charset, int budget) {
        String kind = entry.procedural() ? "standard" : "class";
        Optional<DocumentEntry> stream = Ole2Files.document(vba, entry.streamName());
        if (stream.isEmpty()) {
            return new VbaModule(
                    entry.name(),
                    entry.streamName(),
                    kind,
                    "",
                    0,
                    sha256(new byte[0]),
                    new byte[0],
                    "stream " + entry.streamName() + " is missing");
        }
        byte[] bytes;
        try {
            bytes = Ole2Files.read(stream.get(), maxStreamBytes);
        } catch (IOException e) {
            return new VbaModule(
                    entry.name(), entry.streamName(), kind, "", 0, sha256(new byte[0]), new byte[0], e.getMessage());
        }
        if (entry.textOffset() < 0 || entry.textOffset() >= bytes.length) {
            return new VbaModule(
                    entry.name(),
                    entry.streamName(),
                    kind,
                    "",
                    0,
                    sha256(new byte[0]),
                    bytes,
                    "source offset " + entry.textOffset() + " is outside the " + bytes.length + "-byte stream");
        }
        int offset = (int) entry.textOffset();
        VbaDecompressor.Result text =
                VbaDecompressor.decompress(bytes, offset, bytes.length - offset, Math.max(0, budget));
        String problem = text.error();
        if (text.truncated()) {
            problem = "source cut at the " + maxSourceBytes + "-byte bound for one project";
        }
        byte[] pcode = java.util.Arrays.copyOf(bytes, offset);
        return new VbaModule(
                entry.name(),
                entry.streamName(),
                kind,
                new String(text.data(), charset),
                text.data().length,
                sha256(text.data()),
                pcode,
                problem);
    }

    private byte[] readQuietly(DocumentEntry doc, List<String> problems) {
        try {
            return Ole2Files.read(doc, maxStreamBytes);
        } catch (IOException e) {
            problems.add("_VBA_PROJECT stream unreadable: " + e.getMessage());
            return new byte[0];
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
