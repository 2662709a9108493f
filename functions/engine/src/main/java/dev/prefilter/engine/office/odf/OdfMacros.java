package dev.prefilter.engine.office.odf;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What an OpenDocument file holds that can run: script modules (StarBasic under {@code Basic/},
 * other languages under {@code Scripts/}, {@code office:script} in flat files), the events bound to
 * scripts ({@code script:event-listener}), and OLE objects a flat file carries as base64.
 */
record OdfMacros(List<Module> modules, List<EventBinding> events, List<EmbeddedObject> objects, List<String> problems) {

    /** Events that fire without the reader doing anything but open the document. */
    private static final Set<String> AUTO_RUN =
            Set.of("load", "new", "create", "load-finished", "loadfinished", "view-created", "viewcreated", "focus");

    /**
     * @param library the Basic library ({@code Standard}) or the script language folder
     * @param where the part or element it came from
     */
    record Module(String library, String name, String language, String source, String where) {}

    /**
     * @param event the event name as written ({@code dom:load}, {@code office:new})
     * @param script the bound script ({@code vnd.sun.star.script:Standard.Module1.Main?language=Basic&location=document})
     * @param where the part it is bound in
     */
    record EventBinding(String event, String script, String where) {

        /** Whether the event fires when the document is opened or created, without a click. */
        boolean autoRun() {
            String e = event.toLowerCase(Locale.ROOT);
            int colon = e.indexOf(':');
            if (colon >= 0) e = e.substring(colon + 1);
            if (e.startsWith("on")) e = e.substring(2);
            return AUTO_RUN.contains(e);
        }

        /** The script's location ({@code document}, {@code application}, {@code share}, {@code user}), or null. */
        String location() {
            int at = script.indexOf("location=");
            if (at < 0) return null;
            int end = script.indexOf('&', at);
            return script.substring(at + "location=".length(), end < 0 ? script.length() : end);
        }

        /** A script path that climbs out of its folder ({@code ../../program/python-core/...}). */
        boolean pathTraversal() {
            return script.contains("../")
                    || script.contains("..\\")
                    || script.contains("%2e%2e")
                    || script.contains("%2E%2E");
        }
    }

    record EmbeddedObject(String where, byte[] bytes) {}

    static final class Builder {
        final List<Module> modules = new ArrayList<>();
        final List<EventBinding> events = new ArrayList<>();
        final List<EmbeddedObject> objects = new ArrayList<>();
        final List<String> problems = new ArrayList<>();

        OdfMacros build() {
            return new OdfMacros(
                    List.copyOf(modules), List.copyOf(events), List.copyOf(objects), List.copyOf(problems));
        }
    }
}
