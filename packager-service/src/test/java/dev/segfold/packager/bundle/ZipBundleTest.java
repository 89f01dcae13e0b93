package dev.segfold.packager.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipBundleTest {
    @TempDir
    Path tmp;

    @Test
    void onlyPlainNamesWithAtMostOneFolder() {
        assertTrue(ZipBundle.isPlain("summary.json"));
        assertTrue(ZipBundle.isPlain("iter_40/model.params"));
        for (String bad : List.of("../x", "a/../b", "/etc/passwd", ".hidden", "a/b/c", "a\\b", "iter_4/..", "", "a//b")) {
            assertFalse(ZipBundle.isPlain(bad), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> new ZipBundle().add("../evil", tmp));
    }

    @Test
    void writesTheEntriesInOrderAndRefusesDuplicates() throws Exception {
        Path a = Files.writeString(tmp.resolve("a.txt"), "alpha");
        Path b = Files.writeString(tmp.resolve("b.txt"), "beta");
        ZipBundle bundle = new ZipBundle().add("iter_2/a.txt", a).add("b.txt", b);
        assertThrows(IllegalArgumentException.class, () -> bundle.add("b.txt", a));
        Path zip = bundle.write(tmp.resolve("out/bundle.zip"));
        List<String> names = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
                contents.add(new String(in.readAllBytes()));
            }
        }
        assertEquals(List.of("iter_2/a.txt", "b.txt"), names);
        assertEquals(List.of("alpha", "beta"), contents);
        assertFalse(Files.exists(tmp.resolve("out/bundle.zip.tmp")));
    }
}
