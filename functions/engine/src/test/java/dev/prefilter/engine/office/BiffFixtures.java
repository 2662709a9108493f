package dev.prefilter.engine.office;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/**
 * Writes minimal BIFF8 / BIFF5 workbook streams by hand: globals (BOF, BOUNDSHEETs with their
 * state and type, NAME records, EOF) then one substream per sheet (BOF with its type, FORMULA
 * records, EOF), with each BOUNDSHEET pointing at its substream's offset.
 */
public final class BiffFixtures {

    /**
     * A sheet: type 0 worksheet or 1 macro sheet; state 0 visible, 1 hidden, 2 very hidden; formulas
     * as raw rgce bytes.
     */
    public record Sheet(String name, int type, int state, List<byte[]> formulas) {}

    /**
     * A name: {@code builtin} code (1 = Auto_Open) or a plain name; refers to the first cell of sheet
     * {@code sheetIndex}.
     */
    public record Name(String text, int builtin) {}

    private BiffFixtures() {}

    public static byte[] xls(boolean biff8, List<Sheet> sheets, List<Name> names) {
        try (POIFSFileSystem fs = new POIFSFileSystem()) {
            fs.createDocument(
                    new ByteArrayInputStream(workbookStream(biff8, sheets, names)), biff8 ? "Workbook" : "Book");
            return MacroFixtures.bytes(fs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] workbookStream(boolean biff8, List<Sheet> sheets, List<Name> names) {
        int version = biff8 ? 0x0600 : 0x0500;
        ByteArrayOutputStream globals = new ByteArrayOutputStream();
        record(globals, 0x0809, bof(version, 0x0005, biff8));
        List<Integer> positionFields = new ArrayList<>();
        for (Sheet s : sheets) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(MacroFixtures.le32(0));
            b.write(s.state());
            b.write(s.type());
            byte[] name = s.name().getBytes(StandardCharsets.ISO_8859_1);
            b.write(name.length);
            if (biff8) b.write(0);
            b.writeBytes(name);
            positionFields.add(globals.size() + 4);
            record(globals, 0x0085, b.toByteArray());
        }
        if (biff8) {
            // one EXTERNSHEET entry for the first macro sheet: the NAME records' 3-D references point at it
            int macroTab = 0;
            for (int i = 0; i < sheets.size(); i++) {
                if (sheets.get(i).type() == 1) {
                    macroTab = i;
                    break;
                }
            }
            ByteArrayOutputStream x = new ByteArrayOutputStream();
            x.writeBytes(MacroFixtures.le16(1));
            x.writeBytes(MacroFixtures.le16(0));
            x.writeBytes(MacroFixtures.le16(macroTab));
            x.writeBytes(MacroFixtures.le16(macroTab));
            record(globals, 0x0017, x.toByteArray());
        }
        for (Name n : names) record(globals, 0x0018, name(n, biff8));
        record(globals, 0x000A, new byte[0]);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(globals.toByteArray());
        byte[] out;
        List<Integer> positions = new ArrayList<>();
        for (Sheet s : sheets) {
            positions.add(stream.size());
            record(stream, 0x0809, bof(version, s.type() == 1 ? 0x0040 : 0x0010, biff8));
            int row = 0;
            for (byte[] rgce : s.formulas()) record(stream, 0x0006, formula(row++, rgce));
            record(stream, 0x000A, new byte[0]);
        }
        out = stream.toByteArray();
        for (int i = 0; i < sheets.size(); i++) {
            byte[] pos = MacroFixtures.le32(positions.get(i));
            System.arraycopy(pos, 0, out, positionFields.get(i), 4);
        }
        return out;
    }

    private static byte[] bof(int version, int type, boolean biff8) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(MacroFixtures.le16(version));
        b.writeBytes(MacroFixtures.le16(type));
        b.writeBytes(MacroFixtures.le16(0x0DBB));
        b.writeBytes(MacroFixtures.le16(0x07CC));
        if (biff8) {
            b.writeBytes(MacroFixtures.le32(0));
            b.writeBytes(MacroFixtures.le32(0x0206));
        }
        return b.toByteArray();
    }

    /** NAME referring to R1C1 through a ptgRef3d: BIFF8 via EXTERNSHEET entry 0, BIFF5 to sheet position 0. */
    private static byte[] name(Name n, boolean biff8) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] text =
                n.builtin() > 0 ? new byte[] {(byte) n.builtin()} : n.text().getBytes(StandardCharsets.ISO_8859_1);
        byte[] rgce = biff8 ? new byte[] {0x3A, 0, 0, 0, 0, 0, (byte) 0xC0} : ref3dBiff5();
        b.writeBytes(MacroFixtures.le16(n.builtin() > 0 ? 0x0020 : 0x0000));
        b.write(0);
        b.write(text.length);
        b.writeBytes(MacroFixtures.le16(rgce.length));
        b.writeBytes(MacroFixtures.le16(0));
        b.writeBytes(MacroFixtures.le16(1));
        b.write(0);
        b.write(0);
        b.write(0);
        b.write(0);
        if (biff8) b.write(0);
        b.writeBytes(text);
        b.writeBytes(rgce);
        return b.toByteArray();
    }

    private static byte[] ref3dBiff5() {
        byte[] r = new byte[18];
        r[0] = 0x3A;
        return r;
    }

    private static byte[] formula(int row, byte[] rgce) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(MacroFixtures.le16(row));
        b.writeBytes(MacroFixtures.le16(0));
        b.writeBytes(MacroFixtures.le16(0x0F));
        b.writeBytes(new byte[8]);
        b.writeBytes(MacroFixtures.le16(0));
        b.writeBytes(MacroFixtures.le32(0));
        b.writeBytes(MacroFixtures.le16(rgce.length));
        b.writeBytes(rgce);
        return b.toByteArray();
    }

    private static void record(ByteArrayOutputStream out, int sid, byte[] data) {
        out.writeBytes(MacroFixtures.le16(sid));
        out.writeBytes(MacroFixtures.le16(data.length));
        out.writeBytes(data);
    }

    // --- formula tokens (BIFF8 unless said otherwise) ---

    /** ptgStr: BIFF8 has a flags byte after the length, BIFF5 not. */
    public static byte[] str(String s, boolean biff8) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x17);
        b.write(s.length());
        if (biff8) b.write(0);
        b.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
        return b.toByteArray();
    }

    public static byte[] integer(int v) {
        return new byte[] {0x1E, (byte) v, (byte) (v >> 8)};
    }

    /** ptgFuncVar (value class) with the argument count and the Ftab index, or a Cetab index when {@code command}. */
    public static byte[] funcVar(int args, int index, boolean command) {
        int tab = index | (command ? 0x8000 : 0);
        return new byte[] {0x42, (byte) args, (byte) tab, (byte) (tab >> 8)};
    }

    /** ptgFunc (fixed argument count) with the Ftab index. */
    public static byte[] func(int index) {
        return new byte[] {0x41, (byte) index, (byte) (index >> 8)};
    }

    public static final byte[] CONCAT = {0x08};

    public static byte[] tokens(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        return b.toByteArray();
    }
}
