package dev.segfold.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.devstack.s3.NotificationFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevStackMainOptionsTest {

    @Test
    void parsesEveryOption() throws Exception {
        DevStackMain.Options o = DevStackMain.Options.parse(new String[] {"--endpoints-file", "e.properties",
            "--data-dir", "d", "--kafka-port", "9092", "--controller-port", "9093", "--s3-port", "9000",
            "--access-key", "segfold", "--secret-key", "segfold-dev-secret", "--region", "eu-west-1",
            "--notification-topic", "t1", "--suffix", "segfold-runs=checkpoint.json", "--prefix", "segfold-runs=r1/"},
                Map.of());
        DevStackConfig c = o.config();
        assertEquals(Path.of("e.properties"), o.endpointsFile());
        assertEquals(Path.of("d"), c.dataDir());
        assertEquals(9092, c.kafkaPort());
        assertEquals(9093, c.controllerPort());
        assertEquals(9000, c.s3Port());
        assertEquals("segfold", c.accessKey());
        assertEquals("eu-west-1", c.region());
        assertEquals("t1", c.notificationTopic());
        assertEquals(new NotificationFilter("r1/", "checkpoint.json"), c.filters().get("segfold-runs"));
        assertTrue(c.topicsToCreate().stream().anyMatch(t -> t.name().equals("t1")));
    }

    @Test
    void credentialsFromEnvironmentOrRandom() throws Exception {
        DevStackConfig env = DevStackMain.Options.parse(new String[] {"--endpoints-file", "e"},
                Map.of("SEGFOLD_S3_ACCESS_KEY", "k-env", "SEGFOLD_S3_SECRET_KEY", "s-env-secret")).config();
        assertEquals("k-env", env.accessKey());
        DevStackConfig a = DevStackMain.Options.parse(new String[] {"--endpoints-file", "e"}, Map.of()).config();
        DevStackConfig b = DevStackMain.Options.parse(new String[] {"--endpoints-file", "e"}, Map.of()).config();
        assertNotEquals(a.secretKey(), b.secretKey());
        assertEquals(20, a.secretKey().length());
    }

    @Test
    void withADataDirectoryTheCredentialsAreMadeOnceAndKeptPrivate(@TempDir Path data) throws Exception {
        String[] args = {"--endpoints-file", "e", "--data-dir", data.toString()};
        DevStackConfig first = DevStackMain.Options.parse(args, Map.of()).config();
        DevStackConfig again = DevStackMain.Options.parse(args, Map.of()).config();
        assertEquals(first.accessKey(), again.accessKey());
        assertEquals(first.secretKey(), again.secretKey());
        assertEquals(PosixFilePermissions.fromString("rw-------"),
                Files.getPosixFilePermissions(data.resolve(StoredCredentials.FILE)));
        // explicit credentials win and leave the stored ones alone
        DevStackConfig explicit = DevStackMain.Options.parse(new String[] {"--endpoints-file", "e", "--data-dir",
            data.toString(), "--access-key", "given", "--secret-key", "given-secret"}, Map.of()).config();
        assertEquals("given", explicit.accessKey());
        assertEquals(first.secretKey(), StoredCredentials.loadOrCreate(data).secretKey());

        Files.writeString(data.resolve(StoredCredentials.FILE), "access-key=x\n");
        var broken = assertThrows(java.io.IOException.class, () -> DevStackMain.Options.parse(args, Map.of()));
        assertTrue(broken.getMessage().contains(StoredCredentials.FILE + ": access-key and secret-key are both required"),
                broken.getMessage());
    }

    @Test
    void badArgumentsNameTheOption() {
        assertMessage("--endpoints-file is required", new String[] {});
        assertMessage("unknown option --bogus", new String[] {"--bogus", "1"});
        assertMessage("--s3-port needs a value", new String[] {"--endpoints-file", "e", "--s3-port"});
        assertMessage("--kafka-port \"x\" is not a port number", new String[] {"--kafka-port", "x"});
        assertMessage("--suffix expects bucket=value", new String[] {"--endpoints-file", "e", "--suffix", "nobucket"});
        assertMessage("give both --access-key and --secret-key", new String[] {"--endpoints-file", "e", "--access-key", "abc"});
        assertMessage("not among the buckets", new String[] {"--endpoints-file", "e", "--suffix", "other=x"});
    }

    private static void assertMessage(String expected, String[] args) {
        var e = assertThrows(IllegalArgumentException.class, () -> DevStackMain.Options.parse(args, Map.of()));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
