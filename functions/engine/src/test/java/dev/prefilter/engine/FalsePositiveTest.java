package dev.prefilter.engine;

import static dev.prefilter.engine.testing.TestEngines.codes;
import static dev.prefilter.engine.testing.TestEngines.scanMail;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.prefilter.engine.fixtures.Archives;
import dev.prefilter.engine.fixtures.MimeBuilder;
import dev.prefilter.engine.fixtures.Samples;
import dev.prefilter.engine.model.Verdict;
import dev.prefilter.engine.report.Report;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Everyday business mail stays clean: administrators switch off filters that hold it. */
class FalsePositiveTest {

    @Test
    void aSignedMailIsClean() {
        byte[] signature = new byte[600];
        signature[0] = 0x30;
        signature[1] = (byte) 0x82;
        byte[] mail = MimeBuilder.mail()
                .multipartType("signed; protocol=\"application/pkcs7-signature\"; micalg=sha-256")
                .text("Signed message body.")
                .rawPart(
                        "Content-Type: application/pkcs7-signature; name=\"smime.p7s\"\r\nContent-Transfer-Encoding: "
                                + "base64\r\n" + "Content-Disposition: attachment; filename=\"smime.p7s\"\r\n",
                        java.util.Base64.getMimeEncoder().encodeToString(signature) + "\r\n")
                .build();
        Report report = scanMail(mail);
        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
    }

    @Test
    void aCalendarInviteIsClean() {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:1@example.com\r\n"
                + "DTSTART:20261127T010000Z\r\nSUMMARY:定例会議\r\nLOCATION:https:/"
                + "/meet.example.com/abc\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        byte[] mail = MimeBuilder.mail()
                .multipartType("alternative")
                .text("You are invited.")
                .html("<p>You are invited. <a href=\"https://meet.example.com/abc\">Join</a></p>")
                .rawPart(
                        "Content-Type: text/calendar; method=REQUEST; "
                                + "charset=UTF-8\r\nContent-Transfer-Encoding: 8bit\r\n",
                        new String(ics.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))
                .attachment("invite.ics", "application/ics", ics.getBytes(StandardCharsets.UTF_8))
                .build();
        Report report = scanMail(mail);
        assertEquals(Verdict.CLEAN, report.verdict(), codes(report).toString());
    }

    @Test
    void theJapanesePpapHabitWithCleanContentIsClean() {
        byte[] zip = Archives.encryptedZip(
                Archives.files(
                        "議事録.txt",
                        "会議の議事録です。",
                        "資料.pdf",
                        Samples.text("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")),
                "Ab3$xY9q",
                Archives.Encryption.ZIP_CRYPTO);
        byte[] mail = MimeBuilder.mail()
                .subject("【資料送付】定例会議")
                .text("お世話になっております。\n資料をお送りします。")
                .attachment("資料.zip", "application/zip", zip)
                .build();
        byte[] passwordMail = MimeBuilder.mail()
                .subject("【パスワード通知】定例会議")
                .text("先ほどお送りしたファイルのパスワードをお知らせします。\n\nパスワード：Ab3$xY9q\n")
                .build();

        Report withPassword = scanMail(MimeBuilder.mail()
                .subject("【資料送付】定例会議")
                .text("資料をお送りします。\nパスワード：Ab3$xY9q")
                .attachment("資料.zip", "application/zip", zip)
                .build());
        assertEquals(Verdict.CLEAN, withPassword.verdict(), codes(withPassword).toString());
        assertEquals(Verdict.CLEAN, scanMail(passwordMail).verdict(), "the separate password notice is clean");
        assertEquals(
                Verdict.SUSPICIOUS, scanMail(mail).verdict(), "the zip alone, password elsewhere, cannot be inspected");
    }

    @Test
    void anOpaqueSmimeMailIsNotPassedUninspected() {
        byte[] mail = MimeBuilder.mail()
                .rawPart(
                        "Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name=\"smime.p7m\"\r\n"
                                + "Content-Transfer-Encoding: base64\r\nContent-Disposition: attachment; "
                                + "filename=\"smime.p7m\"\r\n",
                        java.util.Base64.getMimeEncoder()
                                        .encodeToString(new byte[] {0x30, (byte) 0x80, 0x06, 0x09, 0x2a})
                                + "\r\n")
                .build();
        assertEquals(Verdict.SUSPICIOUS, scanMail(mail).verdict());
    }
}
