package dev.prefilter.engine.container;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.container.io.MemberNames;
import dev.prefilter.engine.container.io.MemberVisitor;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * Hands the members a container reader finds back to the engine as {@link Origin#ARCHIVE_MEMBER}
 * children, counts them, and enforces the per-container entry bound. One instance per analysed node.
 */
public final class MemberSink implements MemberVisitor {

    /** Directory entries a reader may visit in one container, whatever they are. */
    public static final int MAX_ENTRIES_VISITED = 100_000;

    private final AnalysisContext context;
    private final String kind;
    private int added;
    private int listedOnly;
    private int visited;
    private boolean stopped;
    private long storedSizeFloor = -1;

    public MemberSink(AnalysisContext context, String kind) {
        this.context = context;
        this.kind = kind;
    }

    /**
     * For sparse containers (dynamic VHD, VHDX), whose members can be far larger than the bytes
     * that back them: members without a stored size of their own are measured against this one,
     * so the compression-ratio limit still stops a disk of zeros.
     */
    public MemberSink storedSizeFloor(long bytes) {
        this.storedSizeFloor = bytes;
        return this;
    }

    /**
     * Counts one directory entry a reader looked at. Returns false, once, with a
     * {@code limit.container-entries} finding, when the container has more than a reader may walk.
     */
    @Override
    public boolean visit() {
        context.checkTime();
        if (stopped) {
            return false;
        }
        if (++visited > MAX_ENTRIES_VISITED) {
            context.report(Finding.of(
                            "limit.container-entries",
                            Severity.HIGH,
                            "the " + kind + " has more than " + MAX_ENTRIES_VISITED
                                    + " directory entries: the rest were not listed")
                    .with("maxEntries", MAX_ENTRIES_VISITED)
                    .build());
            stopped = true;
            return false;
        }
        return true;
    }

    @Override
    public boolean file(String path, InputStream data, long compressedSize, Map<String, Object> facts)
            throws IOException {
        return add(path, data, compressedSize, facts);
    }

    @Override
    public boolean listed(String path, long size, boolean encrypted, Map<String, Object> facts) throws IOException {
        return addListedOnly(path, size, encrypted, facts);
    }

    /** A member with its content. {@code compressedSize} is -1 when stored uncompressed. */
    public boolean add(String path, InputStream data, long compressedSize, Map<String, Object> facts)
            throws IOException {
        if (stopped) {
            return false;
        }
        long stored = compressedSize >= 0 ? compressedSize : storedSizeFloor;
        ChildSpec spec =
                ChildSpec.named(MemberNames.clean(path), Origin.ARCHIVE_MEMBER).withCompressedSize(stored);
        for (Map.Entry<String, Object> fact : facts.entrySet()) {
            spec = spec.withFact(fact.getKey(), fact.getValue());
        }
        if (!context.child(spec, data)) {
            stopped = true;
            return false;
        }
        added++;
        return true;
    }

    /** A member known only by its name: empty content, so the engine still types it by extension. */
    public boolean addListedOnly(String path, long size, boolean encrypted, Map<String, Object> facts)
            throws IOException {
        // the same facts as the archive package's listed members: listedOnly, listedSize, encrypted
        java.util.Map<String, Object> all = new java.util.LinkedHashMap<>();
        all.put("listedOnly", true);
        if (size >= 0) {
            all.put("listedSize", size);
        }
        all.put("encrypted", encrypted);
        all.putAll(facts);
        boolean ok = add(path, InputStream.nullInputStream(), -1, all);
        if (ok) {
            listedOnly++;
        }
        return ok;
    }

    public boolean stopped() {
        return stopped;
    }

    /** Members handed back, listed-only ones included. */
    public int added() {
        return added;
    }

    public int listedOnly() {
        return listedOnly;
    }

    public AnalysisContext context() {
        return context;
    }
}
