package dev.prefilter.engine.office.vba;

import dev.prefilter.engine.office.Iocs;
import java.util.List;
import java.util.Locale;

/** What the keyword, IOC and decoding passes found in a project's source. */
public record MacroScan(
        List<KeywordHit> keywords, List<IocHit> iocs, List<ObfuscationHit> obfuscations, MacroFlags flags) {

    /**
     * @param decodedFrom the decoding that revealed it (hex, base64, chr-concat …), or null when it is
     *     in the source as written
     */
    public record KeywordHit(
            VbaKeywords.Category category, String keyword, String module, int line, String text, String decodedFrom) {

        /** The keyword stands in a comment of its line (or the line is one): a poor line to cite. */
        boolean inComment() {
            if (decodedFrom != null) return false;
            String code = SourceStatements.withoutComment(text);
            if (code.isBlank()) return true;
            String k = keyword.toLowerCase(Locale.ROOT);
            return text.toLowerCase(Locale.ROOT).contains(k)
                    && !code.toLowerCase(Locale.ROOT).contains(k);
        }
    }

    public record IocHit(Iocs.Ioc ioc, String module, int line, String decodedFrom) {}

    /** @param revealed keywords and indicators that only the decoded text shows */
    public record ObfuscationHit(
            String kind, String module, int line, String encoded, String decoded, List<String> revealed) {}

    /** The first hit of a MacroRaptor flag, preferring one in live code to one in a comment. */
    public KeywordHit firstOf(String flag) {
        return firstLive(
                keywords.stream().filter(k -> flag.equals(k.category().flag())).toList());
    }

    /** The first of {@code hits} outside a comment, else the first. */
    static KeywordHit firstLive(List<KeywordHit> hits) {
        return hits.stream().filter(h -> !h.inComment()).findFirst().orElse(hits.isEmpty() ? null : hits.get(0));
    }
}
