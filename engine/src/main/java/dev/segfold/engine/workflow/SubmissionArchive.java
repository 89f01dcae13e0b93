package dev.segfold.engine.workflow;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes a submission: a flat zip with one {@code <case>.nii.gz} per test case. */
public final class SubmissionArchive {
    private static final Pattern ENTRY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.nii(\\.gz)?");

    private SubmissionArchive() {}

    public static Path write(List<Path> predictions, Path zip) throws IOException {
        Files.createDirectories(zip.toAbsolutePath().getParent());
        Path tmp = zip.resolveSibling(zip.getFileName() + ".tmp");
        try (OutputStream os = Files.newOutputStream(tmp); ZipOutputStream out = new ZipOutputStream(os)) {
            for (Path p : predictions) {
                String name = p.getFileName().toString();
                if (!ENTRY.matcher(name).matches()) {
                    throw new IllegalArgumentException("prediction file name '" + name
                            + "' is not a plain case file name; refusing to put it in " + zip);
                }
                out.putNextEntry(new ZipEntry(name));
                Files.copy(p, out);
                out.closeEntry();
            }
        }
        return Files.move(tmp, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
