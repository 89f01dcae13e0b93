package dev.segfold.packager.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a zip from named local files. Entry names are plain: at most one folder level, each part
 * an allow-listed name that cannot be {@code ..}, so unpacking can never write outside the target
 * folder. The zip appears under its name only when complete.
 */
public final class ZipBundle {
    private static final Pattern ENTRY = Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,127}/)?[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Map<String, Path> entries = new LinkedHashMap<>();

    /**
     * Adds a file under {@code name}.
     *
     * @throws IllegalArgumentException if the name is not plain or already used
     */
    public ZipBundle add(String name, Path file) {
        requirePlain(name);
        if (entries.putIfAbsent(name, file) != null) {
            throw new IllegalArgumentException("zip entry '" + name + "' is added twice");
        }
        return this;
    }

    /** The entries so far, name to file, in order. */
    public Map<String, Path> entries() {
        return Map.copyOf(entries);
    }

    /** Writes the zip (through a temporary file, then a rename). */
    public Path write(Path zip) throws IOException {
        Files.createDirectories(zip.toAbsolutePath().getParent());
        Path tmp = zip.resolveSibling(zip.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(os)) {
            for (Map.Entry<String, Path> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                Files.copy(e.getValue(), out);
                out.closeEntry();
            }
        }
        return Files.move(tmp, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Whether {@code name} is a plain entry name (see the class comment). */
    public static boolean isPlain(String name) {
        return name != null && ENTRY.matcher(name).matches();
    }

    static void requirePlain(String name) {
        if (!isPlain(name)) {
            throw new IllegalArgumentException("zip entry name '" + name + "' is not plain (letters, digits, "
                    + "'.', '_', '-', at most one folder, no leading dot)");
        }
    }
}
