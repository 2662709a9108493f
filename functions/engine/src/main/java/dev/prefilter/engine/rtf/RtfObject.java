package dev.prefilter.engine.rtf;

import java.util.Set;

/**
 * One embedded object of an RTF document.
 *
 * @param index order of appearance, from 1
 * @param className the {@code \objclass} text, or null
 * @param controls the object control words seen ({@code objemb}, {@code objautlink}, {@code objupdate} …)
 * @param data the {@code \objdata} hex, decoded; empty when there was none
 * @param offset byte offset of the object in the RTF file
 */
public record RtfObject(int index, String className, Set<String> controls, byte[] data, long offset) {

    public boolean has(String control) {
        return controls.contains(control);
    }
}
