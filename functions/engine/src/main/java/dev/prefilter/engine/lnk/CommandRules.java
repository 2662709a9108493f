package dev.prefilter.engine.lnk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.prefilter.engine.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The program names and command-line keyword categories of {@code command-rules.json}, compiled
 * once. Immutable and shared.
 */
final class CommandRules {

    private static final String RESOURCE = "command-rules.json";
    private static final Pattern CARETS_QUOTES_BACKTICKS = Pattern.compile("[\\^\"`]");
    private static final Pattern COMSPEC = Pattern.compile("(?i)%comspec%");

    /** What the arguments are matched as: stored, or with the usual cmd and PowerShell escapes removed. */
    enum Text {
        RAW,
        NORMALIZED
    }

    /** One category of command-line content, with its finding. */
    record Category(String code, Severity severity, String description, Text text, Pattern pattern) {}

    /** A category that matched, with the text it matched. */
    record Match(Category category, String text) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record CategoryData(
            String code,
            String severity,
            String description,
            String text,
            List<String> keywords,
            List<String> regexes) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    private record Data(
            List<String> interpreters,
            List<String> lolbins,
            List<String> needExeInArguments,
            List<String> scriptExtensions,
            List<String> decoyIconFiles,
            List<String> documentExtensions,
            List<CategoryData> commandCategories) {}

    private static final CommandRules STANDARD = load();

    private final Set<String> interpreters;
    private final Set<String> lolbins;
    private final Pattern programInArguments;
    private final Set<String> scriptExtensions;
    private final Set<String> decoyIconFiles;
    private final Set<String> documentExtensions;
    private final List<Category> categories;

    private CommandRules(Data data) {
        interpreters = lower(data.interpreters());
        lolbins = lower(data.lolbins());
        Set<String> needExe = lower(data.needExeInArguments());
        programInArguments = argumentPattern(
                Stream.concat(interpreters.stream(), lolbins.stream()).toList(), needExe);
        scriptExtensions = lower(data.scriptExtensions());
        decoyIconFiles = lower(data.decoyIconFiles());
        documentExtensions = lower(data.documentExtensions());
        categories =
                data.commandCategories().stream().map(CommandRules::compile).toList();
    }

    static CommandRules standard() {
        return STANDARD;
    }

    private static CommandRules load() {
        ObjectMapper mapper = JsonMapper.builder().build();
        try (InputStream in = CommandRules.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
            return new CommandRules(mapper.readValue(in, Data.class));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** "interpreter", "lolbin" or null for a program file name such as {@code cmd.exe} or {@code CMD}. */
    String programKind(String fileName) {
        if (fileName == null) return null;
        String name = fileName.toLowerCase(Locale.ROOT);
        if (name.endsWith(".exe") || name.endsWith(".com")) {
            name = name.substring(0, name.length() - 4);
        } else if (name.contains(".")) {
            return null;
        }
        if (interpreters.contains(name)) return "interpreter";
        if (lolbins.contains(name)) return "lolbin";
        return null;
    }

    /** The first interpreter or LOLBin that the arguments start, as written there. */
    Optional<String> programInArguments(String arguments) {
        Matcher m = programInArguments.matcher(normalize(arguments));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    boolean isScriptExtension(String extension) {
        return scriptExtensions.contains(extension);
    }

    boolean isDecoyIcon(String fileName, String extension) {
        return decoyIconFiles.contains(fileName) || documentExtensions.contains(extension);
    }

    /** Every category that matches, each with its first match. */
    List<Match> scan(String arguments) {
        List<Match> matches = new ArrayList<>();
        String normalized = normalize(arguments);
        for (Category category : categories) {
            Matcher m = category.pattern().matcher(category.text() == Text.RAW ? arguments : normalized);
            if (m.find()) matches.add(new Match(category, m.group()));
        }
        return matches;
    }

    /** Every match of one category, in order, at most {@code max}. */
    List<String> all(String code, String arguments, int max) {
        List<String> found = new ArrayList<>();
        for (Category category : categories) {
            if (!category.code().equals(code)) continue;
            Matcher m = category.pattern().matcher(category.text() == Text.RAW ? arguments : normalize(arguments));
            while (m.find() && found.size() < max) found.add(m.group());
        }
        return found;
    }

    static String normalize(String arguments) {
        return COMSPEC.matcher(CARETS_QUOTES_BACKTICKS.matcher(arguments).replaceAll(""))
                .replaceAll("cmd.exe");
    }

    private static Category compile(CategoryData data) {
        List<String> alternatives = new ArrayList<>();
        if (data.keywords() != null && !data.keywords().isEmpty()) {
            alternatives.add("(?<![\\w-])(?:"
                    + data.keywords().stream().map(Pattern::quote).collect(Collectors.joining("|")) + ")(?![\\w-])");
        }
        if (data.regexes() != null) alternatives.addAll(data.regexes());
        if (alternatives.isEmpty()) {
            throw new IllegalStateException("command category " + data.code() + " has neither keywords nor regexes");
        }
        Text text = "raw".equals(data.text()) ? Text.RAW : Text.NORMALIZED;
        return new Category(
                data.code(),
                Severity.parse(data.severity()),
                data.description(),
                text,
                Pattern.compile(String.join("|", alternatives), Pattern.CASE_INSENSITIVE));
    }

    /**
     * {@code name.exe} anywhere as a word, or {@code name} followed by a switch unless the name is
     * also a common word.
     */
    private static Pattern argumentPattern(List<String> programs, Set<String> needExe) {
        String all = programs.stream().map(Pattern::quote).collect(Collectors.joining("|"));
        String switched = programs.stream()
                .filter(p -> !needExe.contains(p))
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        return Pattern.compile(
                "(?<![\\w.-])((?:" + all + ")\\.exe|(?:" + switched + ")(?=\\s+[-/][A-Za-z?]))(?![\\w-])",
                Pattern.CASE_INSENSITIVE);
    }

    private static Set<String> lower(List<String> values) {
        return values == null
                ? Set.of()
                : values.stream()
                        .map(v -> v.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
