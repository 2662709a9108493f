package dev.prefilter.engine.analyze;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What an analyzer says about a child before its bytes are spooled.
 *
 * @param name file name, or a label when {@code named} is false
 * @param declaredType the type the container declares (MIME Content-Type), or null
 * @param compressedSize stored size in the container when known, else -1 (for the ratio limit)
 * @param facts facts the container knows about the child (MIME headers, archive entry metadata)
 */
public record ChildSpec(
        String name,
        boolean named,
        String declaredType,
        Origin origin,
        long compressedSize,
        Map<String, Object> facts) {

    public ChildSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(origin, "origin");
        facts = facts == null ? Map.of() : new LinkedHashMap<>(facts);
    }

    public static ChildSpec named(String name, Origin origin) {
        return new ChildSpec(name, true, null, origin, -1, Map.of());
    }

    public static ChildSpec labelled(String label, Origin origin) {
        return new ChildSpec(label, false, null, origin, -1, Map.of());
    }

    public ChildSpec withDeclaredType(String type) {
        return new ChildSpec(name, named, type, origin, compressedSize, facts);
    }

    public ChildSpec withCompressedSize(long size) {
        return new ChildSpec(name, named, declaredType, origin, size, facts);
    }

    public ChildSpec withFact(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(facts);
        if (value != null) {
            copy.put(key, value);
        }
        return new ChildSpec(name, named, declaredType, origin, compressedSize, copy);
    }
}
