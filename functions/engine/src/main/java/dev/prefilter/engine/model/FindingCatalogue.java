package dev.prefilter.engine.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every finding code the engine emits, read from {@code finding-codes.json} (which the catalogue
 * test keeps in step with the analyzers).
 */
public final class FindingCatalogue {

    private static final Set<String> CODES = load();

    private FindingCatalogue() {}

    public static Set<String> codes() {
        return CODES;
    }

    private static Set<String> load() {
        try (InputStream in = FindingCatalogue.class.getResourceAsStream("finding-codes.json")) {
            if (in == null) throw new IllegalStateException("missing resource finding-codes.json");
            Set<String> codes = new TreeSet<>();
            for (JsonNode entry : new ObjectMapper().readTree(in).get("codes")) {
                codes.add(entry.get("code").asText());
            }
            return Set.copyOf(codes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
