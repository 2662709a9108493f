package dev.prefilter.engine.office.vba;

import static dev.prefilter.engine.binary.Bytes.u16le;
import static dev.prefilter.engine.binary.Bytes.u32le;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.util.CodePageUtil;

/**
 * The decompressed {@code dir} stream (MS-OVBA 2.3.4.2): project information, references and
 * one record group per module. Read as id/size/data records; unknown ids are skipped by their
 * size, as Office does, so a project with extra or reordered records still yields its modules.
 */
final class VbaDirStream {

    /** What the dir stream says about one module. */
    record ModuleEntry(String name, String streamName, long textOffset, boolean procedural) {}

    /** @param win64 PROJECTSYSKIND says 64-bit Windows, whose compiled code is laid out differently */
    record Parsed(int codePage, boolean win64, List<ModuleEntry> modules, String problem) {}

    private static final int PROJECTSYSKIND = 0x0001;
    private static final int PROJECTCODEPAGE = 0x0003;
    private static final int PROJECTVERSION = 0x0009;
    private static final int MODULENAME = 0x0019;
    private static final int MODULENAMEUNICODE = 0x0047;
    private static final int MODULESTREAMNAME = 0x001A;
    private static final int MODULESTREAMNAMEUNICODE = 0x0032;
    private static final int MODULEOFFSET = 0x0031;
    private static final int MODULETYPE_PROCEDURAL = 0x0021;
    private static final int MODULETYPE_DOCUMENT = 0x0022;
    private static final int MODULE_TERMINATOR = 0x002B;
    private static final int DIR_TERMINATOR = 0x0010;
    private static final int MAX_MODULES = 4096;

    private VbaDirStream() {}

    static Parsed parse(byte[] dir) {
        int codePage = 1252;
        boolean win64 = false;
        List<ModuleEntry> modules = new ArrayList<>();
        Builder current = null;
        int pos = 0;
        String problem = null;
        boolean terminated = false;
        while (pos + 6 <= dir.length) {
            int id = u16le(dir, pos);
            long size = u32le(dir, pos + 2);
            pos += 6;
            if (id == PROJECTVERSION) {
                // MS-OVBA: its Reserved field says 4, but MajorVersion (4) and MinorVersion (2) follow
                pos += 6;
                continue;
            }
            if (id == DIR_TERMINATOR) {
                terminated = true;
                break;
            }
            if (size > dir.length - pos) {
                problem =
                        String.format("dir record 0x%04x claims %d bytes, only %d remain", id, size, dir.length - pos);
                break;
            }
            int start = pos;
            pos += (int) size;
            switch (id) {
                case PROJECTSYSKIND -> {
                    if (size >= 4) win64 = u32le(dir, start) == 3;
                }
                case PROJECTCODEPAGE -> {
                    if (size >= 2) codePage = u16le(dir, start);
                }
                case MODULENAME -> {
                    if (current != null) modules.add(current.build());
                    if (modules.size() >= MAX_MODULES) {
                        problem = "more than " + MAX_MODULES + " modules; the rest were not read";
                        return new Parsed(codePage, win64, modules, problem);
                    }
                    current = new Builder();
                    current.name = decode(dir, start, (int) size, charset(codePage));
                }
                case MODULENAMEUNICODE -> {
                    if (current != null && size > 0)
                        current.name = new String(dir, start, (int) size, StandardCharsets.UTF_16LE);
                }
                case MODULESTREAMNAME -> {
                    if (current != null) current.streamName = decode(dir, start, (int) size, charset(codePage));
                }
                case MODULESTREAMNAMEUNICODE -> {
                    if (current != null && size > 0)
                        current.streamName = new String(dir, start, (int) size, StandardCharsets.UTF_16LE);
                }
                case MODULEOFFSET -> {
                    if (current != null && size >= 4) current.offset = u32le(dir, start);
                }
                case MODULETYPE_PROCEDURAL -> {
                    if (current != null) current.procedural = true;
                }
                case MODULETYPE_DOCUMENT -> {
                    if (current != null) current.procedural = false;
                }
                case MODULE_TERMINATOR -> {
                    if (current != null) {
                        modules.add(current.build());
                        current = null;
                    }
                }
                default -> {
                    // project information, references, docstrings, cookies: not needed to find the code
                }
            }
        }
        if (current != null) modules.add(current.build());
        if (problem == null && !terminated) {
            problem = pos < dir.length ? "dir stream ends inside a record" : "dir stream has no terminator record";
        }
        if (problem == null && modules.isEmpty()) problem = "dir stream lists no modules";
        return new Parsed(codePage, win64, modules, problem);
    }

    static Charset charset(int codePage) {
        try {
            return Charset.forName(CodePageUtil.codepageToEncoding(codePage, true));
        } catch (java.io.UnsupportedEncodingException | IllegalArgumentException e) {
            return Charset.forName("windows-1252");
        }
    }

    private static String decode(byte[] b, int off, int len, Charset cs) {
        return new String(b, off, len, cs);
    }

    private static final class Builder {
        String name;
        String streamName;
        long offset;
        boolean procedural;

        ModuleEntry build() {
            return new ModuleEntry(name, streamName == null ? name : streamName, offset, procedural);
        }
    }
}
