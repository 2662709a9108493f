package dev.prefilter.local.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import net.lingala.zip4j.io.inputstream.ZipInputStream;
import org.apache.poi.poifs.macros.VBAMacroReader;
import org.junit.jupiter.api.Test;

/** The demo's file builders produce what real parsers read, not look-alikes. */
class DemoMailsTest {

    @Test
    void the_macro_document_carries_a_vba_module_poi_can_read() throws Exception {
        byte[] docm = OfficeDocuments.macroDocument("Module1", DemoMails.MACRO_SOURCE);
        try (VBAMacroReader reader = new VBAMacroReader(new ByteArrayInputStream(docm))) {
            Map<String, String> macros = reader.readMacros();
            assertEquals(1, macros.size(), macros::toString);
            String source = macros.get("Module1");
            assertTrue(source.contains("Sub AutoOpen()"), source);
            assertTrue(source.contains("Shell cmd, vbHide"), source);
        }
    }

    @Test
    void compression_round_trips_through_more_than_one_chunk() throws Exception {
        String longSource = "Attribute VB_Name = \"Module1\"\r\n"
                + "' padding line to cross the chunk size\r\n".repeat(200) + "Sub Document_Open()\r\nEnd Sub\r\n";
        try (VBAMacroReader reader =
                new VBAMacroReader(new ByteArrayInputStream(OfficeDocuments.macroDocument("Module1", longSource)))) {
            assertEquals(
                    longSource.replace("\r\n", "\n").strip(),
                    reader.readMacros().get("Module1").replace("\r\n", "\n").strip());
        }
    }

    @Test
    void the_shortcut_has_the_shell_link_header_and_its_arguments() {
        byte[] lnk = LnkWriter.shortcut("Invoice", "..\\cmd.exe", "/c whoami");
        ByteBuffer b = ByteBuffer.wrap(lnk).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x4C, b.getInt(0));
        assertEquals(0x00021401, b.getInt(4), "CLSID 00021401-0000-0000-C000-000000000046");
        assertEquals(0x46, lnk[19] & 0xff);
        assertEquals(0xAC, b.getInt(20) & 0xAC, "HasName, HasRelativePath, HasArguments, IsUnicode");
        String strings = new String(lnk, 76, lnk.length - 80, java.nio.charset.StandardCharsets.UTF_16LE);
        assertTrue(strings.contains("/c whoami"), strings);
    }

    @Test
    void the_encrypted_zip_opens_with_the_password_from_the_body_only() throws Exception {
        byte[] zip = Archives.encryptedZip(Map.of("a.txt", "secret".getBytes()), "Nov-2026-4711");
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip), "Nov-2026-4711".toCharArray())) {
            assertEquals("a.txt", in.getNextEntry().getFileName());
            assertEquals("secret", new String(in.readAllBytes()));
        }
        String mail = new String(DemoMails.encryptedZipWithShortcut(), java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(mail.contains("Content-Type: application/zip"));
    }

    @Test
    void the_executable_is_a_pe_image_behind_a_pdf_name() {
        byte[] pe = PeWriter.executable();
        assertEquals('M', pe[0]);
        assertEquals('Z', pe[1]);
        int peOffset = ByteBuffer.wrap(pe).order(ByteOrder.LITTLE_ENDIAN).getInt(0x3C);
        assertEquals("PE", new String(pe, peOffset, 2));
        assertTrue(new String(DemoMails.doubleExtension(), java.nio.charset.StandardCharsets.US_ASCII)
                .contains("statement.pdf.exe"));
    }
}
