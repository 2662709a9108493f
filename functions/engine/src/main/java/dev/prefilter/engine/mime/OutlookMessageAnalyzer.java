package dev.prefilter.engine.mime;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.MailHeaders;
import dev.prefilter.engine.model.Severity;
import dev.prefilter.engine.office.DamagedInput;
import dev.prefilter.engine.password.PasswordHarvester;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.apache.poi.hsmf.MAPIMessage;
import org.apache.poi.hsmf.datatypes.AttachmentChunks;
import org.apache.poi.hsmf.datatypes.StringChunk;
import org.apache.poi.hsmf.exceptions.ChunkNotFoundException;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.EntryUtils;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Outlook {@code .msg} files: headers, body passwords, attachments and embedded messages out. */
public final class OutlookMessageAnalyzer implements Analyzer {

    private final PasswordHarvester harvester = new PasswordHarvester();

    @Override
    public String name() {
        return "outlook-msg";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        return node.detectedType().equals("application/vnd.ms-outlook");
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        MAPIMessage message;
        try (InputStream in = ctx.content().openStream()) {
            message = DamagedInput.guard(() -> new MAPIMessage(in));
        } catch (IOException e) {
            ctx.report(Finding.of(
                            "parse.msg",
                            Severity.HIGH,
                            "the Outlook message could not be parsed; its attachments were not inspected")
                    .withError(e)
                    .build());
            return;
        }
        String subject = text(() -> message.getSubject());
        ctx.fact(
                "mail",
                new MailHeaders(
                        text(() -> message.getDisplayFrom()),
                        split(text(() -> message.getDisplayTo())),
                        split(text(() -> message.getDisplayCC())),
                        subject,
                        null,
                        null));
        if (subject != null) ctx.passwords().addAll(harvester.harvest(subject, "msg subject"));
        String body = text(() -> message.getTextBody());
        if (body != null) ctx.passwords().addAll(harvester.harvest(body, "msg body"));

        int index = 0;
        for (AttachmentChunks attachment : message.getAttachmentFiles()) {
            ctx.checkTime();
            index++;
            String name = firstNonBlank(
                    attachment.getAttachLongFileName(),
                    attachment.getAttachFileName(),
                    attachment.getAttachDisplayName());
            byte[] bytes = bytes(ctx, attachment, index);
            if (bytes == null) continue;
            ChildSpec spec = name != null
                    ? ChildSpec.named(name, Origin.EMBEDDED)
                    : ChildSpec.labelled("msg attachment " + index, Origin.EMBEDDED);
            if (attachment.isEmbeddedMessage() && name == null) {
                spec = ChildSpec.labelled("embedded message " + index, Origin.EMBEDDED);
            }
            if (!ctx.child(spec, new ByteArrayInputStream(bytes))) return;
        }
    }

    private static byte[] bytes(AnalysisContext ctx, AttachmentChunks attachment, int index) {
        try {
            return DamagedInput.guard(() -> bytes(attachment));
        } catch (IOException e) {
            ctx.report(Finding.of("parse.msg", Severity.HIGH, "an Outlook attachment could not be read")
                    .with("attachment", index)
                    .withError(e)
                    .build());
        }
        return null;
    }

    /** The attachment's data, or its embedded storage written out as a Compound File of its own. */
    private static byte[] bytes(AttachmentChunks attachment) throws IOException {
        if (attachment.getAttachData() != null) {
            return attachment.getAttachData().getValue();
        }
        if (attachment.getAttachmentDirectory() == null) {
            return null;
        }
        DirectoryNode dir = attachment.getAttachmentDirectory().getDirectory();
        try (POIFSFileSystem copy = new POIFSFileSystem();
                ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            EntryUtils.copyNodes(dir, copy.getRoot());
            copy.getRoot().setStorageClsid(dir.getStorageClsid());
            copy.writeFilesystem(out);
            return out.toByteArray();
        }
    }

    private interface ChunkText {
        String get() throws ChunkNotFoundException;
    }

    /** A header or body text; absent (null) when the message has no such chunk or it is damaged. */
    private static String text(ChunkText chunk) {
        try {
            String value = DamagedInput.guard(() -> {
                try {
                    return chunk.get();
                } catch (ChunkNotFoundException absent) {
                    return null;
                }
            });
            return value == null || value.isBlank() ? null : value.trim();
        } catch (IOException damaged) {
            // only shown and searched for passwords: a locked archive then stays locked, never clean
            return null;
        }
    }

    private static List<String> split(String display) {
        return display == null
                ? List.of()
                : Arrays.stream(display.split(";"))
                        .map(String::trim)
                        .filter(s -> !s.isEmpty())
                        .toList();
    }

    private static String firstNonBlank(StringChunk... chunks) {
        for (StringChunk chunk : chunks) {
            if (chunk != null && chunk.getValue() != null && !chunk.getValue().isBlank())
                return chunk.getValue().trim();
        }
        return null;
    }
}
