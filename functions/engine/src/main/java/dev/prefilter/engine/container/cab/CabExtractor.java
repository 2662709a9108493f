package dev.prefilter.engine.container.cab;

import dev.prefilter.engine.binary.Bytes;
import dev.prefilter.engine.container.io.ByteSource;
import dev.prefilter.engine.container.io.ContainerFormatException;
import dev.prefilter.engine.container.io.MemberVisitor;
import dev.prefilter.engine.container.io.ProblemLog;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extracts the files of a cabinet folder by folder, in folder order, decoding stored, MSZIP and
 * LZX data. Quantum folders, files of multi-cabinet sets and files that point at a folder that
 * does not exist are listed by name only. Files that overlap an earlier one restart their folder,
 * within a shared decoding budget.
 */
public final class CabExtractor {

    private final ByteSource source;
    private final CabCabinet cabinet;
    private final MemberVisitor visitor;
    private final ProblemLog problems;
    private final FolderStream.Budget budget;
    private int extracted;
    private int listedOnly;
    private boolean stopped;

    /**
     * @param decodeBudget bytes all folders may decode together, skipped and restarted data included
     * @param tick called for every decoded block (the engine's time check)
     */
    public CabExtractor(
            ByteSource source,
            CabCabinet cabinet,
            MemberVisitor visitor,
            ProblemLog problems,
            long decodeBudget,
            Runnable tick) {
        this.source = source;
        this.cabinet = cabinet;
        this.visitor = visitor;
        this.problems = problems;
        this.budget = new FolderStream.Budget(decodeBudget, tick);
    }

    public void extract() throws IOException {
        if (cabinet.multiCabinet()) {
            for (CabFile file : cabinet.files()) {
                if (!listOnly(file, "part of a multi-cabinet set")) {
                    return;
                }
            }
            return;
        }
        List<List<CabFile>> byFolder = new ArrayList<>();
        cabinet.folders().forEach(f -> byFolder.add(new ArrayList<>()));
        List<CabFile> orphans = new ArrayList<>();
        for (CabFile file : cabinet.files()) {
            if (file.folder() < byFolder.size()) {
                byFolder.get(file.folder()).add(file);
            } else {
                orphans.add(file);
            }
        }
        for (CabFolder folder : cabinet.folders()) {
            if (stopped) {
                return;
            }
            List<CabFile> files = byFolder.get(folder.index());
            files.sort(Comparator.comparingLong(CabFile::folderOffset));
            extractFolder(folder, files);
        }
        for (CabFile file : orphans) {
            if (!file.continued()) {
                problems.add("file " + file.name() + " belongs to folder " + file.folder() + ", which does not exist");
            }
            if (stopped
                    || !listOnly(
                            file, file.continued() ? "continued in another cabinet" : "its folder does not exist")) {
                return;
            }
        }
    }

    private void extractFolder(CabFolder folder, List<CabFile> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        int method = folder.method();
        if (method != CabFolder.NONE && method != CabFolder.MSZIP && method != CabFolder.LZX) {
            for (CabFile file : files) {
                if (!listOnly(file, folder.methodName() + " compression is not supported")) {
                    return;
                }
            }
            return;
        }
        long[] totals;
        try {
            totals = blockTotals(folder);
        } catch (ContainerFormatException e) {
            problems.add("folder " + folder.index() + ": " + e.getMessage());
            totals = new long[] {0, 0};
        }
        try {
            extractFiles(folder, files, totals);
        } finally {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    /** The folder stream in use, closed when its folder is done. */
    private FolderStream current;

    private void extractFiles(CabFolder folder, List<CabFile> files, long[] totals) throws IOException {
        FolderStream stream = null;
        for (int index = 0; index < files.size(); index++) {
            CabFile file = files.get(index);
            if (stopped || !visitor.visit()) {
                stopped = true;
                return;
            }
            if (stream == null || file.folderOffset() < stream.position()) {
                if (stream != null) {
                    stream.close();
                }
                stream = open(folder);
                current = stream;
                if (stream == null) {
                    for (CabFile rest : files.subList(index, files.size())) {
                        if (!listOnly(rest, "its folder cannot be decoded")) {
                            return;
                        }
                    }
                    return;
                }
            }
            boolean reached = stream.skipTo(file.folderOffset());
            if (!reached) {
                problems.add("file " + file.name() + " starts after the end of its folder's data"
                        + (stream.error() == null ? "" : " (" + stream.error() + ")"));
            }
            MemberStream data = new MemberStream(stream, reached ? file.size() : 0);
            long stored =
                    totals[1] == 0 ? -1 : Math.max(1, (long) Math.ceil((double) totals[0] * file.size() / totals[1]));
            stopped = !visitor.file(file.name(), data, stored, facts(file, folder));
            extracted++;
            if (reached && data.missing() > 0 && stream.ended()) {
                problems.add("file " + file.name() + " is missing its last " + data.missing() + " bytes"
                        + (stream.error() == null ? ": its folder's data ends early" : ": " + stream.error()));
            }
        }
    }

    private FolderStream open(CabFolder folder) {
        CfDataReader blocks = new CfDataReader(source, folder, cabinet.dataReserve(), problems);
        try {
            FolderDecoder decoder = switch (folder.method()) {
                case CabFolder.MSZIP -> new MsZipDecoder(blocks);
                case CabFolder.LZX -> new LzxFolderDecoder(blocks, folder.windowBits());
                default -> new StoredDecoder(blocks);
            };
            return new FolderStream(decoder, budget);
        } catch (ContainerFormatException e) {
            problems.add("folder " + folder.index() + ": " + e.getMessage());
            return null;
        }
    }

    /** Compressed and uncompressed byte totals of a folder, from its block headers alone. */
    private long[] blockTotals(CabFolder folder) throws IOException, ContainerFormatException {
        long at = folder.dataOffset();
        long compressed = 0;
        long uncompressed = 0;
        for (int i = 0; i < folder.blockCount(); i++) {
            source.checkRange(at, 8, "data block " + i + " of folder " + folder.index());
            byte[] header = source.read(at, 8);
            compressed += Bytes.u16le(header, 4);
            uncompressed += Bytes.u16le(header, 6);
            at += 8 + cabinet.dataReserve() + Bytes.u16le(header, 4);
        }
        return new long[] {compressed, uncompressed};
    }

    private boolean listOnly(CabFile file, String reason) throws IOException {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("reason", reason);
        if (file.hidden()) {
            facts.put("hidden", true);
        }
        listedOnly++;
        stopped = !visitor.listed(file.name(), file.size(), false, facts);
        return !stopped;
    }

    private static Map<String, Object> facts(CabFile file, CabFolder folder) {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("compression", folder.methodName());
        if (file.hidden()) {
            facts.put("hidden", true);
        }
        if (file.execute()) {
            facts.put("runAfterExtraction", true);
        }
        return facts;
    }

    public int extracted() {
        return extracted;
    }

    public int listedOnly() {
        return listedOnly;
    }

    public boolean budgetExhausted() {
        return budget.exhausted();
    }
}
