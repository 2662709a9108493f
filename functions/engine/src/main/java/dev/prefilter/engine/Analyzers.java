package dev.prefilter.engine;

import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.archive.CompressedStreamAnalyzer;
import dev.prefilter.engine.archive.SevenZipAnalyzer;
import dev.prefilter.engine.archive.StreamArchiveAnalyzer;
import dev.prefilter.engine.archive.ZipAnalyzer;
import dev.prefilter.engine.container.CabAnalyzer;
import dev.prefilter.engine.container.IsoAnalyzer;
import dev.prefilter.engine.container.RarAnalyzer;
import dev.prefilter.engine.container.RawDiskAnalyzer;
import dev.prefilter.engine.container.VhdAnalyzer;
import dev.prefilter.engine.container.VhdxAnalyzer;
import dev.prefilter.engine.html.HtmlAnalyzer;
import dev.prefilter.engine.lnk.JumpListAnalyzer;
import dev.prefilter.engine.lnk.ShortcutAnalyzer;
import dev.prefilter.engine.media.ImageTrailerAnalyzer;
import dev.prefilter.engine.mime.MimeMessageAnalyzer;
import dev.prefilter.engine.mime.OutlookMessageAnalyzer;
import dev.prefilter.engine.mime.TnefAnalyzer;
import dev.prefilter.engine.mime.UuencodeAnalyzer;
import dev.prefilter.engine.mime.smime.SignedDataAnalyzer;
import dev.prefilter.engine.office.crypto.OfficeCryptoAnalyzer;
import dev.prefilter.engine.office.dde.DdeAnalyzer;
import dev.prefilter.engine.office.links.ExternalRelationshipAnalyzer;
import dev.prefilter.engine.office.odf.OdfMacroAnalyzer;
import dev.prefilter.engine.office.ole.OleObjectAnalyzer;
import dev.prefilter.engine.office.vba.ActiveMimeAnalyzer;
import dev.prefilter.engine.office.vba.OfficeXmlVbaAnalyzer;
import dev.prefilter.engine.office.vba.VbaAnalyzer;
import dev.prefilter.engine.office.xlm.XlmAnalyzer;
import dev.prefilter.engine.onenote.OneNoteAnalyzer;
import dev.prefilter.engine.pdf.PdfAnalyzer;
import dev.prefilter.engine.rtf.RtfAnalyzer;
import java.util.List;

/** The analyzers a standard engine runs, in the order they run on a node. */
public final class Analyzers {

    private Analyzers() {}

    public static List<Analyzer> standard() {
        return List.of(
                new MimeMessageAnalyzer(),
                new OutlookMessageAnalyzer(),
                new TnefAnalyzer(),
                new UuencodeAnalyzer(),
                new SignedDataAnalyzer(),
                new ZipAnalyzer(),
                new SevenZipAnalyzer(),
                new StreamArchiveAnalyzer(),
                new CompressedStreamAnalyzer(),
                new IsoAnalyzer(),
                new RawDiskAnalyzer(),
                new VhdAnalyzer(),
                new VhdxAnalyzer(),
                new CabAnalyzer(),
                new RarAnalyzer(),
                new ShortcutAnalyzer(),
                new JumpListAnalyzer(),
                new HtmlAnalyzer(),
                new OneNoteAnalyzer(),
                new PdfAnalyzer(),
                new ImageTrailerAnalyzer(),
                new OfficeCryptoAnalyzer(),
                new OfficeXmlVbaAnalyzer(),
                new ActiveMimeAnalyzer(),
                new VbaAnalyzer(),
                new XlmAnalyzer(),
                new OdfMacroAnalyzer(),
                new OleObjectAnalyzer(),
                new ExternalRelationshipAnalyzer(),
                new DdeAnalyzer(),
                new RtfAnalyzer());
    }
}
