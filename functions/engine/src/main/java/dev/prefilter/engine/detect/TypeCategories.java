package dev.prefilter.engine.detect;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The category table, loaded once from {@code type-categories.json}. */
public final class TypeCategories {

    private static final String RESOURCE = "type-categories.json";

    private final List<TypeCategory> categories;
    private final TypeDetector detector;

    private TypeCategories(List<TypeCategory> categories, TypeDetector detector) {
        this.categories = List.copyOf(categories);
        this.detector = detector;
    }

    public static TypeCategories load(TypeDetector detector) {
        ObjectMapper mapper = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
        try (InputStream in = TypeCategories.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            Table table = mapper.readValue(in, Table.class);
            return new TypeCategories(table.categories(), detector);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private record Table(List<TypeCategory> categories) {}

    /**
     * The first category whose media types contain the detected type or whose extensions contain
     * the name's. Content detected as text does not take a binary format's category by name.
     */
    public Optional<TypeCategory> classify(String detectedType, String extension) {
        boolean text = detector.isA(detectedType, "text/plain");
        for (TypeCategory category : categories) {
            if (extension != null
                    && !extension.isEmpty()
                    && category.extensions().contains(extension)
                    && !(text && category.binaryFormat())) {
                return Optional.of(category);
            }
            for (String type : category.mediaTypes()) {
                if (detector.isA(detectedType, type)) {
                    return Optional.of(category);
                }
            }
        }
        return Optional.empty();
    }

    /** Extensions of categories that run or open code, for the double-extension check. */
    public Set<String> riskyExtensions() {
        Set<String> all = new HashSet<>();
        for (TypeCategory category : categories) {
            if (!category.uninspectedOnly()) {
                all.addAll(category.extensions());
            }
        }
        return all;
    }

    public List<TypeCategory> all() {
        return categories;
    }
}
