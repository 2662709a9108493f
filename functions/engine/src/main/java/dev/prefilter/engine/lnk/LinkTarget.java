package dev.prefilter.engine.lnk;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Every path a shortcut gives for its target (ID list, LinkInfo, environment block, relative
 * path), and what the first recognised one is. Windows may use any of them, so a check that
 * looked at only one could be steered past with the others.
 *
 * @param program file name of the interpreter or LOLBin the shortcut runs, or null
 * @param programKind "interpreter" or "lolbin", or null
 * @param script path of the script file the shortcut opens, or null
 */
record LinkTarget(List<String> paths, String program, String programKind, String programPath, String script) {

    static LinkTarget of(ShortcutFacts facts, LinkInfo info, CommandRules rules) {
        Set<String> paths = new LinkedHashSet<>();
        add(paths, facts.targetPath());
        if (info != null) add(paths, info.targetPath());
        add(paths, facts.environmentTarget());
        add(paths, facts.relativePath());
        String program = null;
        String kind = null;
        String programPath = null;
        String script = null;
        for (String path : paths) {
            String file = fileName(path);
            String found = rules.programKind(file);
            if (found != null && program == null) {
                program = file;
                kind = found;
                programPath = path;
            }
            if (script == null && rules.isScriptExtension(extension(file))) {
                script = path;
            }
        }
        return new LinkTarget(List.copyOf(paths), program, kind, programPath, script);
    }

    /** The path shown as "the target" in findings: the program, else the script, else the first path. */
    String shown() {
        if (programPath != null) return programPath;
        if (script != null) return script;
        return paths.isEmpty() ? null : paths.get(0);
    }

    static String fileName(String path) {
        if (path == null) return "";
        String trimmed = path.strip();
        while (trimmed.endsWith("\\") || trimmed.endsWith("/")) trimmed = trimmed.substring(0, trimmed.length() - 1);
        int cut = Math.max(trimmed.lastIndexOf('\\'), trimmed.lastIndexOf('/'));
        String name = cut >= 0 ? trimmed.substring(cut + 1) : trimmed;
        if (name.length() > 1 && name.startsWith("\"") && name.endsWith("\""))
            name = name.substring(1, name.length() - 1);
        return CommandRules.normalize(name).toLowerCase(Locale.ROOT);
    }

    static String extension(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void add(Set<String> paths, String path) {
        if (path != null && !path.isBlank()) paths.add(path);
    }

    /**
     * Paths for the remote-target check. The network name counts only when the LinkInfo has no
     * local path: with both, the share is the local folder's own name on the network and Windows
     * opens the local path.
     */
    List<String> withNetName(LinkInfo info) {
        List<String> all = new ArrayList<>(paths);
        boolean local = info != null
                && info.localBasePath() != null
                && !info.localBasePath().isEmpty();
        if (info != null && !local && info.netName() != null && !info.netName().isEmpty()) all.add(info.netName());
        return all;
    }
}
