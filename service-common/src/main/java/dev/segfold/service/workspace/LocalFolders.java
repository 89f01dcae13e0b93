package dev.segfold.service.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/** Local scratch folders of a service's work, which a retried job must find empty. */
public final class LocalFolders {
    private LocalFolders() {
    }

    /** Empties (or creates) a local folder, so nothing of an earlier attempt is mixed in. */
    public static Path clean(Path folder) throws IOException {
        if (Files.exists(folder)) {
            try (Stream<Path> s = Files.walk(folder)) {
                s.sorted(Comparator.reverseOrder()).filter(p -> !p.equals(folder)).forEach(p -> {
                    try {
                        Files.delete(p);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        }
        return Files.createDirectories(folder);
    }

    /** Deletes a folder and everything in it; nothing happens when it does not exist. */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> s = Files.walk(folder)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Puts the complete folder {@code fresh} at {@code target} (same file system) by renaming: an
     * old {@code target} is first renamed aside and deleted afterwards, so {@code target} is never
     * a half-copied folder, only briefly absent.
     */
    public static void replace(Path fresh, Path target) throws IOException {
        Path old = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".old");
        boolean hadOld = Files.exists(target);
        if (hadOld) {
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        if (hadOld) {
            deleteTree(old);
        }
    }
}
