package dev.prefilter.engine.mime;

import dev.prefilter.engine.analyze.AnalysisContext;
import dev.prefilter.engine.analyze.Analyzer;
import dev.prefilter.engine.analyze.ChildSpec;
import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.analyze.Origin;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code begin 644 name} … {@code end} blocks in text bodies: old mailers still attach files this way. */
public final class UuencodeAnalyzer implements Analyzer {

    private static final Pattern BEGIN = Pattern.compile("^begin(?:-base64)? ([0-7]{3,4}) (.+)$");

    @Override
    public String name() {
        return "uuencode";
    }

    @Override
    public boolean accepts(NodeInfo node) {
        String detected = node.detectedType();
        String declared = node.type().declared();
        // a text body that starts with quoted headers is detected as a mail, but stays a text body
        boolean quotingBody = declared != null && declared.startsWith("text/") && detected.startsWith("message/");
        return detected.equals("text/plain") || detected.equals("text/x-uuencode") || quotingBody;
    }

    @Override
    public void analyze(AnalysisContext ctx) throws IOException {
        long limit = ctx.limits().maxNodeBytes();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(ctx.content().openStream(), StandardCharsets.ISO_8859_1))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher begin = BEGIN.matcher(line);
                if (!begin.matches()) continue;
                ctx.checkTime();
                String name = begin.group(2).trim();
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                boolean ended = false;
                while ((line = reader.readLine()) != null) {
                    if (line.equals("end") || line.equals("====")) {
                        ended = true;
                        break;
                    }
                    if (!decodeLine(line, out)) break;
                    if (out.size() > limit) break;
                }
                ChildSpec spec = ChildSpec.named(name, Origin.DECODED)
                        .withFact("encoding", "uuencode")
                        .withFact("complete", ended);
                if (!ctx.child(spec, new ByteArrayInputStream(out.toByteArray()))) return;
                if (line == null) return;
            }
        }
    }

    /** One uuencoded line: a length character, then groups of four characters for three bytes. */
    static boolean decodeLine(String line, ByteArrayOutputStream out) {
        if (line.isEmpty()) return true;
        int length = (line.charAt(0) - 32) & 0x3F;
        if (length == 0) return true;
        int needed = (length + 2) / 3 * 4;
        if (line.length() - 1 < needed - 3) return false;
        int written = 0;
        for (int i = 1; written < length; i += 4) {
            int c0 = sixBits(line, i);
            int c1 = sixBits(line, i + 1);
            int c2 = sixBits(line, i + 2);
            int c3 = sixBits(line, i + 3);
            int[] bytes = {(c0 << 2) | (c1 >> 4), ((c1 & 0xF) << 4) | (c2 >> 2), ((c2 & 0x3) << 6) | c3};
            for (int b : bytes) {
                if (written++ < length) out.write(b & 0xFF);
            }
        }
        return true;
    }

    private static int sixBits(String line, int index) {
        return index < line.length() ? (line.charAt(index) - 32) & 0x3F : 0;
    }
}
