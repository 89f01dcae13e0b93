package dev.segfold.service.workspace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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
}
