package dev.prefilter.engine.office;

import static dev.prefilter.engine.binary.Bytes.u16le;
import static dev.prefilter.engine.binary.Bytes.u32le;

import dev.prefilter.engine.content.Content;
import dev.prefilter.engine.model.Evidence;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;

/**
 * Whether a Compound File's structure reaches past the end of the file, told apart by whether a
 * stream is touched. POI shows an empty or partial tree without complaint when the directory or a
 * stream's sectors are gone, which would read as "no macros": such a file is {@link #damage()}.
 * Writers also leave harmless slack, such as FAT entries for sectors past the end that no chain
 * uses: every stream still reads whole (olefile reads them all, and so does Office), so that is
 * only a {@link #quirk()}. The chains walked are the directory's, the mini FAT's, the mini stream's
 * and every stream's, each as far as its size needs.
 *
 * @param damage what a stream or the directory needs and the file lacks
 * @param quirk structure past the end of the file that nothing uses
 */
public record CompoundFileCheck(Optional<String> damage, Optional<String> quirk) {

    private static final long FREE = 0xFFFFFFFFL;
    private static final long LAST_REGULAR = 0xFFFFFFF9L;
    private static final int HEADER_DIFAT_ENTRIES = 109;
    private static final int DIRECTORY_ENTRY = 128;
    /** More FAT sectors than this (a 2 GiB file at 512-byte sectors) is not a file the scan can hold. */
    private static final long MAX_FAT_SECTORS = 1 << 15;

    private static final CompoundFileCheck SOUND = new CompoundFileCheck(Optional.empty(), Optional.empty());

    /** The check of a node that begins with the Compound File signature; sound for anything else. */
    public static CompoundFileCheck of(Content content) throws IOException {
        byte[] h = content.head(512);
        if (h.length < 512 || !Ole2Files.hasMagic(h)) return SOUND;
        int shift = u16le(h, 0x1E);
        if (shift != 9 && shift != 12) return damaged("sector size 2^" + shift + " is not 512 or 4096");
        try (SeekableByteChannel channel = content.openChannel()) {
            return new Walk(channel, h, shift, content.size()).check();
        }
    }

    private static CompoundFileCheck damaged(String problem) {
        return new CompoundFileCheck(Optional.of(problem), Optional.empty());
    }

    /** One check's reading state. */
    private static final class Walk {
        final SeekableByteChannel channel;
        final byte[] header;
        final int shift;
        final int sectorSize;
        final long size;
        /** FAT entries by sector; null where the FAT sector holding it lies past the end. */
        Long[] fat;

        Walk(SeekableByteChannel channel, byte[] header, int shift, long size) {
            this.channel = channel;
            this.header = header;
            this.shift = shift;
            this.sectorSize = 1 << shift;
            this.size = size;
        }

        /** A sector no byte of which is in the file (a cut inside the last one is read zero-padded). */
        boolean missing(long sector) {
            return ((sector + 1) << shift) >= size;
        }

        CompoundFileCheck check() throws IOException {
            Optional<String> fatProblem = readFat();
            if (fatProblem.isPresent()) return damaged(fatProblem.get());
            long directoryStart = u32le(header, 0x30);
            if (missing(directoryStart) && directoryStart <= LAST_REGULAR)
                return damaged("the directory (sector " + directoryStart + ") lies beyond the end of the " + size
                        + "-byte file");
            List<Long> directory = new ArrayList<>();
            Optional<String> problem = chain("the directory", directoryStart, Long.MAX_VALUE, directory);
            if (problem.isPresent()) return damaged(problem.get());
            BitSet used = new BitSet();
            directory.forEach(d -> used.set((int) (long) d));
            problem = chain("the mini FAT", u32le(header, 0x3C), u32le(header, 0x40) * sectorSize, used);
            if (problem.isPresent()) return damaged(problem.get());
            problem = streams(directory, u32le(header, 0x38), used);
            if (problem.isPresent()) return damaged(problem.get());
            long unused = 0;
            for (int s = 0; s < fat.length; s++) {
                if (fat[s] != null && fat[s] != FREE && missing(s) && !used.get(s)) unused++;
            }
            return unused == 0
                    ? SOUND
                    : new CompoundFileCheck(
                            Optional.empty(),
                            Optional.of(unused + " FAT entr" + (unused == 1 ? "y marks a sector" : "ies mark sectors")
                                    + " past the end of the " + size + "-byte file in use, but no stream uses "
                                    + (unused == 1 ? "it" : "them")));
        }

        /** The FAT from the header's and the DIFAT sectors' lists; a FAT sector past the end leaves its entries unknown. */
        private Optional<String> readFat() throws IOException {
            long fatSectors = u32le(header, 0x2C);
            if (fatSectors > MAX_FAT_SECTORS) return Optional.of("the header claims " + fatSectors + " FAT sectors");
            List<Long> locations = new ArrayList<>();
            for (int i = 0; i < HEADER_DIFAT_ENTRIES && locations.size() < fatSectors; i++) {
                locations.add(u32le(header, 0x4C + 4 * i));
            }
            long difat = u32le(header, 0x44);
            int perDifat = sectorSize / 4 - 1;
            for (int hops = 0; locations.size() < fatSectors && difat <= LAST_REGULAR; hops++) {
                if (missing(difat)) return Optional.of("DIFAT sector " + difat + " lies beyond the end of the file");
                if (hops > MAX_FAT_SECTORS) return Optional.of("the DIFAT chain loops");
                byte[] s = sector(difat);
                for (int i = 0; i < perDifat && locations.size() < fatSectors; i++) locations.add(u32le(s, 4 * i));
                difat = u32le(s, 4 * perDifat);
            }
            int perFat = sectorSize / 4;
            fat = new Long[locations.size() * perFat];
            for (int i = 0; i < locations.size(); i++) {
                long at = locations.get(i);
                if (at > LAST_REGULAR || missing(at)) continue;
                byte[] s = sector(at);
                for (int e = 0; e < perFat; e++) fat[i * perFat + e] = u32le(s, 4 * e);
            }
            return Optional.empty();
        }

        /**
         * Walks a FAT chain as far as {@code bytes} need (all of it for {@code Long.MAX_VALUE}), adding
         * its sectors to {@code used}; a problem when the chain needs a sector the file lacks.
         */
        private Optional<String> chain(String what, long start, long bytes, BitSet used) {
            List<Long> sectors = new ArrayList<>();
            Optional<String> problem = chain(what, start, bytes, sectors);
            sectors.forEach(s -> used.set((int) (long) s));
            return problem;
        }

        private Optional<String> chain(String what, long start, long bytes, List<Long> used) {
            long need = bytes == Long.MAX_VALUE ? Long.MAX_VALUE : (bytes + sectorSize - 1) / sectorSize;
            long sector = start;
            for (long n = 0; n < need && sector <= LAST_REGULAR; n++) {
                if (n > fat.length) return Optional.of(what + ": its sector chain loops");
                if (missing(sector))
                    return Optional.of(what + " needs sector " + sector + ", which lies beyond the end of the " + size
                            + "-byte file");
                if (sector >= fat.length || fat[(int) sector] == null)
                    return Optional.of(what + " needs sector " + sector
                            + ", whose FAT entry lies beyond the end of the " + size + "-byte file");
                used.add(sector);
                sector = fat[(int) sector];
            }
            return Optional.empty();
        }

        /** Every stream of the directory: big streams by their FAT chain, small ones inside the mini stream. */
        private Optional<String> streams(List<Long> directory, long miniCutoff, BitSet used) throws IOException {
            for (int i = 0; i < directory.size(); i++) {
                byte[] s = sector(directory.get(i));
                for (int e = 0; e + DIRECTORY_ENTRY <= s.length; e += DIRECTORY_ENTRY) {
                    int type = s[e + 0x42];
                    long start = u32le(s, e + 0x74);
                    long length = u32le(s, e + 0x78);
                    if (type == 5) {
                        Optional<String> p = chain("the mini stream", start, length, used);
                        if (p.isPresent()) return p;
                    } else if (type == 2 && length >= miniCutoff) {
                        Optional<String> p = chain("stream '" + name(s, e) + "'", start, length, used);
                        if (p.isPresent()) return p;
                    }
                }
            }
            return Optional.empty();
        }

        private static String name(byte[] s, int entry) {
            int bytes = Math.min(64, Math.max(0, u16le(s, entry + 0x40) - 2));
            return Evidence.text(new String(s, entry, bytes, StandardCharsets.UTF_16LE), 64);
        }

        private byte[] sector(long index) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(sectorSize);
            channel.position((index + 1) << shift);
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // fill the sector; a short last sector stays zero-padded
            }
            return buffer.array();
        }
    }
}
