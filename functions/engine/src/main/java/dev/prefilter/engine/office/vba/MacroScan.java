package dev.prefilter.engine.office.vba;

import dev.prefilter.engine.office.Iocs;
import java.util.List;

/** What the keyword, IOC and decoding passes found in a project's source. */
public record MacroScan(
        List<KeywordHit> keywords, List<IocHit> iocs, List<ObfuscationHit> obfuscations, MacroFlags flags) {

    /**
     * @param decodedFrom the decoding that revealed it (hex, base64, chr-concat …), or null when it is
     *     in the source as written
     */
    public record KeywordHit(
            VbaKeywords.Category category, String keyword, String module, int line, String text, String decodedFrom) {}

    public record IocHit(Iocs.Ioc ioc, String module, int line, String decodedFrom) {}

    /** @param revealed keywords and indicators that only the decoded text shows */
    public record ObfuscationHit(
            String kind, String module, int line, String encoded, String decoded, List<String> revealed) {}

    public KeywordHit firstOf(String flag) {
        return keywords.stream()
                .filter(k -> flag.equals(k.category().flag()))
                .findFirst()
                .orElse(null);
    }
}
