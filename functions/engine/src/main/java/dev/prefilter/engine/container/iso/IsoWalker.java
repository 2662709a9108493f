package dev.prefilter.engine.container.iso;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.MemberNames;
import dev.prefilter.engine.container.io.MemberVisitor;
import dev.prefilter.engine.container.io.ProblemLog;
import dev.prefilter.engine.container.io.SourceInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks one ISO 9660 hierarchy and hands every file to a visitor with a stream over its extents.
 * Bounded: directory depth, one visit per directory extent (loops), records checked against
 * their sector and extents against the image; problems are logged and the walk goes on.
 */
public final class IsoWalker {

    static final int MAX_DEPTH = 32;

    private final ByteSource source;
    private final IsoVolume.Root root;
    private final MemberVisitor visitor;
    private final ProblemLog problems;
    private final String prefix;
    private final Set<Long> visitedDirectories = new HashSet<>();
    private int files;
    private int directories;
    private int associated;
    private int hidden;
    private boolean stopped;

    public IsoWalker(ByteSource source, IsoVolume.Root root, MemberVisitor visitor, ProblemLog problems) {
        this(source, root, visitor, problems, "");
    }

    /** @param prefix path prefix for members (a partition label on multi-partition disks), or "" */
    public IsoWalker(
            ByteSource source, IsoVolume.Root root, MemberVisitor visitor, ProblemLog problems, String prefix) {
        this.prefix = prefix;
        this.source = source;
        this.root = root;
        this.visitor = visitor;
        this.problems = problems;
    }

    public void walk() throws IOException, ContainerFormatException {
        int bs = root.blockSize();
        if (bs != 512 && bs != 1024 && bs != 2048) {
            throw new ContainerFormatException("logical block size " + bs + " is not 512, 1024 or 2048");
        }
        if (!source.contains(root.rootExtent() * bs, Math.min(root.rootLength(), bs))) {
            throw new ContainerFormatException(
                    "the root directory at block " + root.rootExtent() + " lies outside the image");
        }
        walkDirectory(root.rootExtent(), root.rootLength(), prefix, 0);
    }

    private record Pending(String path, List<long[]> extents, boolean hidden, int fileUnitSize) {}

    private void walkDirectory(long extent, long length, String path, int depth)
            throws IOException, ContainerFormatException {
        String shown = path.isEmpty() ? "/" : path;
        if (depth > MAX_DEPTH) {
            problems.add("directory " + shown + " is nested deeper than " + MAX_DEPTH + " levels: not listed");
            return;
        }
        if (!visitedDirectories.add(extent)) {
            problems.add(
                    "directory " + shown + " points back to a directory already listed (a loop): not listed again");
            return;
        }
        int bs = root.blockSize();
        long start = extent * bs;
        if (!source.contains(start, length)) {
            problems.add("directory " + shown + " (block " + extent + ", " + length
                    + " bytes) runs past the end of the image");
            length = Math.max(0, source.size() - start);
        }
        List<IsoDirectoryRecord> subdirectories = new ArrayList<>();
        Pending pending = null;
        byte[] sector = new byte[bs];
        for (long off = 0; off < length && !stopped; off += bs) {
            int n = (int) Math.min(bs, length - off);
            source.readFully(start + off, sector, 0, n);
            int p = 0;
            while (p < n && !stopped) {
                int recordLength = Bytes.u8(sector, p);
                if (recordLength == 0) {
                    break; // the rest of the sector is padding: records never cross sectors
                }
                if (recordLength < IsoDirectoryRecord.MIN_LENGTH || p + recordLength > n) {
                    problems.add("directory " + shown + " has a malformed record at byte " + (off + p));
                    break;
                }
                if (!visitor.visit()) {
                    stopped = true;
                    break;
                }
                IsoDirectoryRecord r = IsoDirectoryRecord.parse(sector, p, root.ucs2());
                p += recordLength;
                if (r.special()) {
                    continue;
                }
                if (r.directory()) {
                    pending = flush(pending);
                    subdirectories.add(r);
                    continue;
                }
                if (r.associated()) {
                    associated++;
                    continue;
                }
                String filePath = MemberNames.join(path, r.name());
                if (pending != null && !pending.path().equals(filePath)) {
                    problems.add("file " + pending.path() + " announces another extent that never follows");
                    pending = flush(pending);
                }
                if (pending == null) {
                    pending = new Pending(filePath, new ArrayList<>(), r.hidden(), r.fileUnitSize());
                }
                pending.extents().add(new long[] {r.extent(), r.length()});
                if (!r.continues()) {
                    pending = flush(pending);
                }
            }
        }
        flush(pending);
        for (IsoDirectoryRecord d : subdirectories) {
            if (stopped) {
                return;
            }
            directories++;
            walkDirectory(d.extent(), d.length(), MemberNames.join(path, d.name()), depth + 1);
        }
    }

    private Pending flush(Pending file) throws IOException {
        if (file == null || stopped) {
            return null;
        }
        files++;
        Map<String, Object> facts = new LinkedHashMap<>();
        if (file.hidden()) {
            hidden++;
            facts.put("hidden", true);
        }
        long size = 0;
        for (long[] e : file.extents()) {
            size += e[1];
        }
        if (file.fileUnitSize() != 0) {
            problems.add(
                    "file " + file.path() + " is recorded in interleaved mode, which is not read: listed by name only");
            stopped = !visitor.listed(file.path(), size, false, facts);
            return null;
        }
        List<InputStream> parts = new ArrayList<>();
        for (long[] e : file.extents()) {
            long at = e[0] * root.blockSize();
            if (e[1] > 0 && !source.contains(at, e[1])) {
                problems.add(
                        "file " + file.path() + " runs past the end of the image: only what the image holds was read");
            }
            parts.add(new SourceInputStream(source, at, e[1]));
        }
        InputStream data = parts.size() == 1 ? parts.get(0) : new SequenceInputStream(Collections.enumeration(parts));
        stopped = !visitor.file(file.path(), data, -1, facts);
        return null;
    }

    public int files() {
        return files;
    }

    public int directories() {
        return directories;
    }

    public int hiddenFiles() {
        return hidden;
    }

    public int associatedFiles() {
        return associated;
    }
}
