package dev.segfold.engine.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** How the real data are found: the -D override, and the skip where they are absent. */
class SharedDataTest {
    private final String before = System.getProperty(SharedData.DATA_DIR_PROPERTY);

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(SharedData.DATA_DIR_PROPERTY);
        } else {
            System.setProperty(SharedData.DATA_DIR_PROPERTY, before);
        }
    }

    @Test
    void thePropertyNamesTheFolderThatHoldsTheDataSet(@TempDir Path dir) throws Exception {
        Path task = Files.createDirectories(dir.resolve(SharedData.HIPPOCAMPUS));
        Files.writeString(task.resolve("dataset.json"), "{}");
        System.setProperty(SharedData.DATA_DIR_PROPERTY, dir.toString());
        assertEquals(Optional.of(task.toAbsolutePath().normalize()), SharedData.findHippocampus());
        assertEquals(task.toAbsolutePath().normalize(), SharedData.hippocampus());
    }

    @Test
    void aFolderWithoutTheDataSetSkipsSayingWhereItLooked(@TempDir Path dir) {
        System.setProperty(SharedData.DATA_DIR_PROPERTY, dir.toString());
        assertEquals(Optional.empty(), SharedData.findHippocampus());
        TestAbortedException e = assertThrows(TestAbortedException.class, SharedData::hippocampus);
        assertTrue(e.getMessage().contains(SharedData.HIPPOCAMPUS) && e.getMessage().contains(dir.toString()),
                e.getMessage());
    }

    @Test
    void withoutThePropertyTheSearchFindsADataSetFolderOrNothing() {
        System.clearProperty(SharedData.DATA_DIR_PROPERTY);
        SharedData.findHippocampus().ifPresent(found -> {
            assertTrue(Files.isRegularFile(found.resolve("dataset.json")), found.toString());
            assertTrue(found.endsWith(Path.of("shared", "data", SharedData.HIPPOCAMPUS)), found.toString());
        });
    }
}
