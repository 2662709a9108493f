package dev.prefilter.engine.detect;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The table of type disagreements that say nothing about a file, loaded once from
 * {@code type-aliases.json}: names for the same format, and families of passive formats whose
 * members stand in for each other (one image type for another, text for text).
 */
public final class TypeAliases {

    private static final String RESOURCE = "type-aliases.json";

    private record Family(String name, List<String> types, List<String> except) {
        Family {
            types = types == null ? List.of() : List.copyOf(types);
            except = except == null ? List.of() : List.copyOf(except);
        }
    }

    private record Table(List<List<String>> aliases, List<Family> harmlessSwaps) {}

    private final List<List<String>> aliases;
    private final List<Family> families;
    private final TypeDetector detector;
    private final TypeCategories categories;

    private TypeAliases(Table table, TypeDetector detector, TypeCategories categories) {
        this.aliases = table.aliases().stream().map(List::copyOf).toList();
        this.families = List.copyOf(table.harmlessSwaps());
        this.detector = detector;
        this.categories = categories;
    }

    public static TypeAliases load(TypeDetector detector, TypeCategories categories) {
        JsonMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try (InputStream in = TypeAliases.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return new TypeAliases(mapper.readValue(in, Table.class), detector, categories);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Whether the two types are names for the same format. */
    public boolean sameFormat(String a, String b) {
        String x = TypeInfo.base(a);
        String y = TypeInfo.base(b);
        return aliases.stream().anyMatch(group -> group.contains(x) && group.contains(y));
    }

    /** Whether a file of one type named or declared as the other is a harmless swap (both in one passive family). */
    public boolean harmlessSwap(String a, String b) {
        Optional<String> family = family(a);
        return family.isPresent() && family.equals(family(b));
    }

    /** Whether the type is one of the passive formats (an image, a sound, a video, plain text). */
    public boolean harmless(String type) {
        return family(type).isPresent();
    }

    private Optional<String> family(String type) {
        if (type == null || categories.classify(type, null).isPresent()) {
            return Optional.empty();
        }
        for (Family f : families) {
            if (f.types().stream().anyMatch(t -> matches(type, t))
                    && f.except().stream().noneMatch(t -> matches(type, t))) {
                return Optional.of(f.name());
            }
        }
        return Optional.empty();
    }

    private boolean matches(String type, String entry) {
        if (entry.endsWith("/*")) {
            String base = TypeInfo.base(type);
            return base != null && base.startsWith(entry.substring(0, entry.length() - 1));
        }
        return detector.isA(type, entry);
    }
}
