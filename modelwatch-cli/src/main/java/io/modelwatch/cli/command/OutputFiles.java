package io.modelwatch.cli.command;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The files a command writes, checked before it reads anything: each must be writable where it is
 * (its directory exists; it is not a directory itself), must not be one of the command's inputs, and
 * no two may be the same file. Paths are compared as the files they name, so {@code ./x}, {@code x},
 * {@code dir/../x}, a symbolic link to x and a hard link to x are all x; an output that does not exist
 * yet is compared through its directory's real path.
 */
public final class OutputFiles {
    private static final int MAX_LINKS = 40;

    private final Map<String, Path> inputs = new LinkedHashMap<>();
    private final Map<String, Path> outputs = new LinkedHashMap<>();

    /** @param option the option naming the input, e.g. {@code --input} */
    public OutputFiles input(String option, Path file) {
        if (file != null) {
            if (Files.isDirectory(file)) {
                try (Stream<Path> listing = Files.list(file)) {
                    listing.filter(Files::isRegularFile).sorted()
                            .forEach(inside -> inputs.put(option + " " + file + " (file " + inside.getFileName() + ")", inside));
                } catch (IOException | UncheckedIOException e) {
                    // the command reports a directory it cannot read when it reads it
                }
            } else {
                inputs.put(option + " " + file, file);
            }
        }
        return this;
    }

    /** @param option the option naming the output, e.g. {@code --out} */
    public OutputFiles output(String option, Path file) {
        outputs.put(option, file);
        return this;
    }

    /** @throws IllegalArgumentException naming the option and the file at fault */
    public void check() {
        List<Map.Entry<String, Path>> written = new ArrayList<>(outputs.entrySet());
        for (int i = 0; i < written.size(); i++) {
            String option = written.get(i).getKey();
            Path file = written.get(i).getValue();
            requireWritable(option, file);
            for (Map.Entry<String, Path> input : inputs.entrySet()) {
                if (sameFile(file, input.getValue())) {
                    throw new IllegalArgumentException(option + " " + file + " is the input " + input.getKey()
                            + "; writing it would destroy the input: choose another output file");
                }
            }
            for (int j = 0; j < i; j++) {
                if (sameFile(file, written.get(j).getValue())) {
                    throw new IllegalArgumentException(option + " " + file + " is the same file as "
                            + written.get(j).getKey() + " " + written.get(j).getValue()
                            + "; one would overwrite the other: choose two different files");
                }
            }
        }
    }

    private static void requireWritable(String option, Path file) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(option + " " + file + " is a directory; name a file");
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new IllegalArgumentException(option + " " + file + ": the directory " + parent
                    + (Files.exists(parent) ? " is not a directory" : " does not exist"));
        }
        if (Files.exists(file) ? !Files.isWritable(file) : parent != null && !Files.isWritable(parent)) {
            throw new IllegalArgumentException(option + " " + file + ": permission denied");
        }
    }

    static boolean sameFile(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
            return canonical(a).equals(canonical(b));
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** The real path of the longest existing prefix, the rest appended; dangling links followed. */
    private static Path canonical(Path file) throws IOException {
        Path path = file.toAbsolutePath().normalize();
        for (int links = 0; links < MAX_LINKS && Files.isSymbolicLink(path); links++) {
            path = path.resolveSibling(Files.readSymbolicLink(path)).toAbsolutePath().normalize();
        }
        Deque<Path> missing = new ArrayDeque<>();
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            missing.push(existing.getFileName());
            existing = existing.getParent();
        }
        Path real = existing == null ? path.getRoot() : existing.toRealPath();
        while (!missing.isEmpty()) {
            real = real.resolve(missing.pop());
        }
        return real;
    }
}
