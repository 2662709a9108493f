package dev.prefilter.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Expands the paths given on the command line: files as they are, folders walked in name order. */
final class InputFiles {

    record Input(String label, Path path) {}

    private InputFiles() {}

    static List<Input> expand(List<Path> paths, List<String> problems) {
        List<Input> inputs = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isRegularFile(path)) {
                inputs.add(new Input(path.toString(), path));
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).sorted().forEach(p -> inputs.add(new Input(p.toString(), p)));
                } catch (IOException | UncheckedIOException e) {
                    problems.add(path + ": cannot walk folder: " + e.getMessage());
                }
            } else {
                problems.add(path + ": no such file or folder");
            }
        }
        return inputs;
    }
}
