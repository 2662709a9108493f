package dev.prefilter.local.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.apache.poi.poifs.filesystem.DirectoryEntry;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * A genuine, minimal VBA project ({@code vbaProject.bin}, [MS-OVBA]) with one procedural module:
 * the {@code VBA/dir} stream's records, the module source in MS-OVBA compression (literal tokens
 * only, which every reader accepts), {@code _VBA_PROJECT}, {@code PROJECT} and {@code PROJECTwm}
 * in an OLE2 compound file written by POI.
 */
public final class VbaProjectWriter {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    private VbaProjectWriter() {}

    public static byte[] project(String moduleName, String source) {
        try (POIFSFileSystem fs = new POIFSFileSystem();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            DirectoryEntry vba = fs.getRoot().createDirectory("VBA");
            vba.createDocument(
                    "_VBA_PROJECT",
                    new ByteArrayInputStream(new byte[] {(byte) 0xCC, 0x61, (byte) 0xFF, (byte) 0xFF, 0, 0, 0}));
            vba.createDocument("dir", new ByteArrayInputStream(compress(dir(moduleName))));
            vba.createDocument(moduleName, new ByteArrayInputStream(compress(source.getBytes(CP1252))));
            String project = "ID=\"{5A0D5A8E-0000-4000-8000-00000000C0DE}\"\r\nModule=" + moduleName
                    + "\r\nName=\"VBAProject\"\r\n"
                    + "HelpContextID=\"0\"\r\nVersionCompatible32=\"393222000\"\r\nCMG=\"\"\r\nDPB=\"\"\r\nGC=\"\"\r\n\r\n"
                    + "[Host Extender Info]\r\n&H00000001={3832D640-CF90-11CF-8E43-00A0C911005A};VBE;&H00000000\r\n";
            fs.getRoot().createDocument("PROJECT", new ByteArrayInputStream(project.getBytes(CP1252)));
            ByteArrayOutputStream wm = new ByteArrayOutputStream();
            wm.writeBytes(moduleName.getBytes(CP1252));
            wm.write(0);
            wm.writeBytes(moduleName.getBytes(StandardCharsets.UTF_16LE));
            wm.write(0);
            wm.write(0);
            wm.write(0);
            wm.write(0);
            fs.getRoot().createDocument("PROJECTwm", new ByteArrayInputStream(wm.toByteArray()));
            fs.writeFilesystem(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code dir} stream before compression: project information, no references, one module. */
    static byte[] dir(String module) {
        Records r = new Records();
        r.u32(0x0001, 1); // PROJECTSYSKIND: 32-bit Windows
        r.u32(0x0002, 0x0409); // PROJECTLCID
        r.u32(0x0014, 0x0409); // PROJECTLCIDINVOKE
        r.u16(0x0003, 1252); // PROJECTCODEPAGE
        r.bytes(0x0004, "VBAProject".getBytes(CP1252)); // PROJECTNAME
        r.bytes(0x0005, new byte[0]); // PROJECTDOCSTRING
        r.bytes(0x0040, new byte[0]);
        r.bytes(0x0006, new byte[0]); // PROJECTHELPFILEPATH
        r.bytes(0x003D, new byte[0]);
        r.u32(0x0007, 0); // PROJECTHELPCONTEXT
        r.u32(0x0008, 0); // PROJECTLIBFLAGS
        r.id(0x0009); // PROJECTVERSION: Reserved=4, then major (4) and minor (2)
        r.raw32(4);
        r.raw32(1);
        r.raw16(0);
        r.bytes(0x000C, new byte[0]); // PROJECTCONSTANTS
        r.bytes(0x003C, new byte[0]);
        r.u16(0x000F, 1); // PROJECTMODULES: count
        r.u16(0x0013, 0xFFFF); // PROJECTCOOKIE
        r.bytes(0x0019, module.getBytes(CP1252)); // MODULENAME
        r.bytes(0x0047, module.getBytes(StandardCharsets.UTF_16LE)); // MODULENAMEUNICODE
        r.bytes(0x001A, module.getBytes(CP1252)); // MODULESTREAMNAME
        r.bytes(0x0032, module.getBytes(StandardCharsets.UTF_16LE));
        r.bytes(0x001C, new byte[0]); // MODULEDOCSTRING
        r.bytes(0x0048, new byte[0]);
        r.u32(0x0031, 0); // MODULEOFFSET: the source starts the stream
        r.u32(0x001E, 0); // MODULEHELPCONTEXT
        r.u16(0x002C, 0xFFFF); // MODULECOOKIE
        r.bytes(0x0021, new byte[0]); // MODULETYPE: procedural
        r.bytes(0x002B, new byte[0]); // module terminator
        r.u32(0x0010, 0); // dir terminator (its Reserved field is 0)
        return r.out.toByteArray();
    }

    /**
     * MS-OVBA compression with literal tokens only: a signature byte, then chunks of at most
     * 3,640 source bytes (455 token sequences of a flag byte and eight literals, so a chunk stays
     * within the 4,098-byte limit), each with a "compressed" header.
     */
    static byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x01);
        for (int start = 0; start < data.length || start == 0; start += 3640) {
            int end = Math.min(data.length, start + 3640);
            ByteArrayOutputStream chunk = new ByteArrayOutputStream();
            for (int i = start; i < end; i += 8) {
                chunk.write(0x00);
                chunk.write(data, i, Math.min(8, end - i));
            }
            int size = chunk.size() + 2;
            int header = 0x8000 | 0x3000 | ((size - 3) & 0x0FFF);
            out.write(header & 0xff);
            out.write(header >> 8);
            out.writeBytes(chunk.toByteArray());
            if (data.length == 0) {
                break;
            }
        }
        return out.toByteArray();
    }

    private static final class Records {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void id(int id) {
            raw16(id);
        }

        void raw16(int v) {
            out.write(v & 0xff);
            out.write((v >> 8) & 0xff);
        }

        void raw32(int v) {
            raw16(v & 0xffff);
            raw16(v >>> 16);
        }

        void u16(int id, int v) {
            raw16(id);
            raw32(2);
            raw16(v);
        }

        void u32(int id, int v) {
            raw16(id);
            raw32(4);
            raw32(v);
        }

        void bytes(int id, byte[] v) {
            raw16(id);
            raw32(v.length);
            out.writeBytes(v);
        }
    }
}
