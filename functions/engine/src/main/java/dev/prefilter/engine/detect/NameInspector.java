package dev.prefilter.engine.detect;

import dev.prefilter.engine.model.Finding;
import dev.prefilter.engine.model.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Disguises in file names: bidi overrides, decoy double extensions, padding. */
public final class NameInspector {

    /** Extensions people read as "a document" when they come first in {@code invoice.pdf.lnk}. */
    private static final Set<String> DECOY_EXTENSIONS = Set.of(
            "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "rtf", "txt", "csv", "odt", "ods", "odp", "jpg", "jpeg",
            "png", "gif", "bmp", "tif", "tiff", "heic", "webp", "svg", "mp3", "mp4", "wav", "avi", "mov", "wmv", "zip",
            "rar", "7z", "htm", "html", "xml", "eml", "msg", "one", "xps", "ics", "vcf", "json");

    private static final Pattern BIDI = Pattern.compile("[\\u202A-\\u202E\\u2066-\\u2069\\u200E\\u200F\\u061C]");
    private static final Pattern PADDING =
            Pattern.compile("[\\s\\u00A0\\u2000-\\u200B\\u3000\\u205F\\u180E\\uFEFF_]{5,}");
    private static final Pattern INVISIBLE = Pattern.compile("[\\u200B-\\u200D\\u2060\\uFEFF\\u00AD]");

    private final Set<String> riskyExtensions;

    public NameInspector(Set<String> riskyExtensions) {
        this.riskyExtensions = Set.copyOf(riskyExtensions);
    }

    public List<Finding> inspect(String name) {
        List<Finding> findings = new ArrayList<>();
        String base = FileNames.baseName(name);
        String last = FileNames.extension(base);
        boolean risky = riskyExtensions.contains(last);

        Matcher bidi = BIDI.matcher(base);
        if (bidi.find()) {
            findings.add(Finding.of(
                            "name.bidi-override",
                            Severity.HIGH,
                            "file name contains a right-to-left or other bidirectional control "
                                    + "character that reorders how it is displayed")
                    .with("name", base)
                    .with("codePoint", String.format(Locale.ROOT, "U+%04X", (int)
                            bidi.group().charAt(0)))
                    .with("actualExtension", last)
                    .build());
        }
        if (INVISIBLE.matcher(base).find()) {
            findings.add(Finding.of(
                            "name.invisible-characters",
                            Severity.MEDIUM,
                            "file name contains zero-width or invisible characters")
                    .with("name", base)
                    .build());
        }

        String stem = FileNames.stem(base);
        String decoy = FileNames.extension(stem);
        if (risky && DECOY_EXTENSIONS.contains(decoy)) {
            findings.add(Finding.of(
                            "name.double-extension",
                            Severity.HIGH,
                            "file name poses as ." + decoy + " but ends in ." + last)
                    .with("name", base)
                    .with("shownExtension", decoy)
                    .with("actualExtension", last)
                    .build());
        }

        Matcher padding = PADDING.matcher(base);
        if (padding.find()) {
            findings.add(Finding.of(
                            "name.padded",
                            risky ? Severity.HIGH : Severity.LOW,
                            "file name contains a run of " + padding.group().length()
                                    + " blank characters that pushes its real extension out of view")
                    .with("name", base)
                    .with("actualExtension", last)
                    .build());
        } else if (!base.equals(FileNames.stripTrailingDotsAndSpaces(base)) && risky) {
            findings.add(Finding.of(
                            "name.padded",
                            Severity.HIGH,
                            "file name ends in dots or spaces that Windows drops, leaving a ." + last + " file")
                    .with("name", base)
                    .with("actualExtension", last)
                    .build());
        }
        return findings;
    }
}
