package dev.prefilter.engine.lnk;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The shell items of a LinkTargetIDList (or of a VistaAndAboveIDListDataBlock) and the target
 * path rebuilt from them.
 */
public record IdList(List<ShellItem> items, String targetPath) {

    private static final Pattern ABSOLUTE =
            Pattern.compile("^(?:[A-Za-z]:\\\\|\\\\\\\\|::\\{|%[^%]+%|[A-Za-z][A-Za-z0-9+.-]*://)");

    public IdList {
        items = List.copyOf(items);
    }

    static IdList of(List<ShellItem> items) {
        return new IdList(items, targetPathOf(items));
    }

    /**
     * Joins the items' path segments with backslashes. A segment that is a path on its own (a
     * drive, a UNC share, a known folder, a URI) starts the path afresh, so that a share item
     * following its server item, or a drive following "My Computer", does not repeat.
     */
    static String targetPathOf(List<ShellItem> items) {
        StringBuilder path = new StringBuilder();
        for (ShellItem item : items) {
            String segment = item.pathSegment();
            if (segment == null || segment.isEmpty()) continue;
            if (ABSOLUTE.matcher(segment).find()) {
                path.setLength(0);
            } else if (path.length() > 0 && path.charAt(path.length() - 1) != '\\') {
                path.append('\\');
            }
            path.append(segment);
        }
        return path.length() == 0 ? null : path.toString();
    }
}
