package dev.prefilter.engine.container;

import dev.prefilter.engine.analyze.NodeInfo;
import dev.prefilter.engine.detect.TypeInfo;

/** Media type tests that ignore parameters such as Tika's {@code version=5}. */
final class Types {

    private Types() {}

    static boolean detected(NodeInfo node, String mediaType) {
        return mediaType.equals(TypeInfo.base(node.detectedType()));
    }
}
