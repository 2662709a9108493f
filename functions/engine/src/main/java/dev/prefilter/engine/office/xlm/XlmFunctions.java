package dev.prefilter.engine.office.xlm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.prefilter.engine.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.poi.ss.formula.function.FunctionMetadata;
import org.apache.poi.ss.formula.function.FunctionMetadataRegistry;

/** The XLM function and string tables of {@code xlm-functions.json}, and function names by BIFF index. */
public final class XlmFunctions {

    public record Rule(String name, Severity severity, String flag, String description, Pattern pattern) {}

    private static final XlmFunctions STANDARD = load();

    private final Map<Integer, String> supplementary;
    private final Map<String, Rule> functions;
    private final List<Rule> strings;
    private final int charChainMin;

    private XlmFunctions(
            Map<Integer, String> supplementary, Map<String, Rule> functions, List<Rule> strings, int charChainMin) {
        this.supplementary = Map.copyOf(supplementary);
        this.functions = functions;
        this.strings = List.copyOf(strings);
        this.charChainMin = charChainMin;
    }

    public static XlmFunctions standard() {
        return STANDARD;
    }

    private static XlmFunctions load() {
        try (InputStream in = XlmFunctions.class.getResourceAsStream("xlm-functions.json")) {
            if (in == null) throw new IllegalStateException("missing resource xlm-functions.json");
            JsonNode root = new ObjectMapper().readTree(in);
            Map<Integer, String> supplementary = new HashMap<>();
            root.path("supplementaryFtab")
                    .fields()
                    .forEachRemaining(e -> supplementary.put(
                            Integer.parseInt(e.getKey()), e.getValue().asText()));
            Map<String, Rule> functions = new LinkedHashMap<>();
            for (JsonNode f : root.path("functions")) {
                String name = f.path("name").asText().toUpperCase(Locale.ROOT);
                functions.put(
                        name,
                        new Rule(
                                name,
                                Severity.parse(f.path("severity").asText()),
                                f.hasNonNull("flag") ? f.path("flag").asText() : null,
                                f.path("description").asText(),
                                null));
            }
            List<Rule> strings = new ArrayList<>();
            for (JsonNode s : root.path("strings")) {
                strings.add(new Rule(
                        s.path("pattern").asText(),
                        Severity.parse(s.path("severity").asText()),
                        s.hasNonNull("flag") ? s.path("flag").asText() : null,
                        s.path("description").asText(),
                        Pattern.compile(
                                "(?<![A-Za-z0-9_])(?:" + s.path("pattern").asText() + ")(?![A-Za-z0-9_])",
                                Pattern.CASE_INSENSITIVE)));
            }
            return new XlmFunctions(
                    supplementary,
                    functions,
                    strings,
                    root.path("charChain").path("minCalls").asInt(3));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read xlm-functions.json", e);
        }
    }

    /**
     * Name of a BIFF function index; {@code command} for the command-equivalent table (Cetab).
     * Empty for an index beyond POI's tables, which no Excel version defines (a damaged token).
     */
    public Optional<String> name(int index, boolean command) {
        FunctionMetadata md;
        try {
            md = command
                    ? FunctionMetadataRegistry.getCetabFunctionByIndex(index)
                    : FunctionMetadataRegistry.getFunctionByIndex(index);
        } catch (ArrayIndexOutOfBoundsException beyondTheTable) {
            return Optional.empty();
        }
        if (md != null) return Optional.of(md.getName());
        if (!command && supplementary.containsKey(index)) return Optional.of(supplementary.get(index));
        return Optional.of((command ? "CMD#" : "FUNC#") + index);
    }

    public Rule function(String name) {
        return functions.get(name.toUpperCase(Locale.ROOT));
    }

    public List<Rule> strings() {
        return strings;
    }

    public int charChainMin() {
        return charChainMin;
    }
}
