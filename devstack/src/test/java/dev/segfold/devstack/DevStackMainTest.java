package dev.segfold.devstack;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.storage.notification.StorageNotification;
import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.WatchService;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DevStackMain as a separate process: endpoints file, the suffix option, SIGTERM, restart on the same data. */
class DevStackMainTest {

    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;

    private Process launch(Path endpoints, Path data, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(JAVA, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                DevStackMain.class.getName(), "--endpoints-file", endpoints.toString(), "--data-dir", data.toString(),
                "--suffix", "segfold-runs=checkpoint.json"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SEGFOLD_S3_ACCESS_KEY", "devstack-test");
        builder.environment().put("SEGFOLD_S3_SECRET_KEY", "devstack-test-secret");
        return builder.start();
    }

    /** Waits for the endpoints file, which is moved into place atomically once the stack is up. */
    private static Endpoints awaitEndpoints(Path file, Process process, Path log) throws Exception {
        try (WatchService watch = file.getFileSystem().newWatchService()) {
            file.getParent().register(watch, ENTRY_CREATE);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!Files.exists(file)) {
                if (!process.isAlive()) {
                    throw new AssertionError("devstack exited with " + process.exitValue() + ":\n" + Files.readString(log));
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no endpoints file after 180 s:\n" + Files.readString(log));
                }
                var key = watch.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
                if (key != null) {
                    key.pollEvents();
                    key.reset();
                }
            }
        }
        return Endpoints.read(file);
    }

    private static MinioClient client(Endpoints e) {
        return MinioClient.builder().endpoint(e.s3Endpoint().toString()).credentials(e.accessKey(), e.secretKey())
                .region(e.region()).build();
    }

    private static void stop(Process process, Path log) throws Exception {
        process.destroy(); // SIGTERM
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("devstack did not stop within 60 s of SIGTERM:\n" + Files.readString(log));
        }
        // The JVM's exit status after SIGTERM with shutdown hooks run.
        assertEquals(143, process.exitValue(), Files.readString(log));
    }

    @Test
    void runsAsProcessStopsOnSigtermAndKeepsDataAcrossRestart() throws Exception {
        Path endpointsFile = dir.resolve("run/devstack.properties");
        Files.createDirectories(endpointsFile.getParent());
        Path data = dir.resolve("data");
        Path log = dir.resolve("devstack-1.log");
        Process first = launch(endpointsFile, data, log);
        try {
            Endpoints e = awaitEndpoints(endpointsFile, first, log);
            assertEquals(first.pid(), e.pid());
            assertEquals("devstack-test", e.accessKey());
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(endpointsFile));
            MinioClient s3 = client(e);
            String prefix = "r9/3d_fullres/fold1/iter_20/";
            for (String name : List.of("model.params", "checkpoint.json")) {
                byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
                s3.putObject(PutObjectArgs.builder().bucket("segfold-runs").object(prefix + name)
                        .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
            }
            List<String> keys = NotificationDrain.all(e.bootstrapServers(), e.notificationTopic()).stream()
                    .map(r -> StorageNotification.parse(r.value()).first().objectKey()).toList();
            assertEquals(List.of(prefix + "checkpoint.json"), keys);

            stop(first, log);
            assertFalse(Files.exists(endpointsFile), "endpoints file must be removed at stop");
            assertThrows(IOException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(e.s3Endpoint().getHost(), e.s3Endpoint().getPort()), 2000);
                }
            });
        } finally {
            first.destroyForcibly();
        }

        Path log2 = dir.resolve("devstack-2.log");
        Process second = launch(endpointsFile, data, log2);
        try {
            Endpoints e = awaitEndpoints(endpointsFile, second, log2);
            try (InputStream in = client(e).getObject(GetObjectArgs.builder().bucket("segfold-runs")
                    .object("r9/3d_fullres/fold1/iter_20/checkpoint.json").build())) {
                assertEquals("checkpoint.json", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals(1, NotificationDrain.all(e.bootstrapServers(), e.notificationTopic()).size(),
                    "the notification of the first run must still be in Kafka");
            stop(second, log2);
        } finally {
            second.destroyForcibly();
        }
    }
}
