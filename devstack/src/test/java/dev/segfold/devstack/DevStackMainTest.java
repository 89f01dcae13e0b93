package dev.segfold.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.storage.notification.StorageNotification;
import dev.segfold.devstack.junit.DevStackProcess;
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
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DevStackMain as a separate process: endpoints file, the suffix option, SIGTERM, SIGKILL, restart on the same data. */
class DevStackMainTest {

    private static final Map<String, String> FIXED_CREDENTIALS = Map.of("SEGFOLD_S3_ACCESS_KEY", "devstack-test",
            "SEGFOLD_S3_SECRET_KEY", "devstack-test-secret");

    @TempDir
    Path dir;

    private static MinioClient client(Endpoints e) {
        return MinioClient.builder().endpoint(e.s3Endpoint().toString()).credentials(e.accessKey(), e.secretKey())
                .region(e.region()).build();
    }

    private static void stop(DevStackProcess stack) throws Exception {
        stack.close(); // SIGTERM
        // The JVM's exit status after SIGTERM with shutdown hooks run.
        assertEquals(143, stack.process().exitValue(), stack.log());
    }

    @Test
    void runsAsProcessStopsOnSigtermAndKeepsDataAcrossRestart() throws Exception {
        Path endpointsFile = dir.resolve("run/devstack.properties");
        Path data = dir.resolve("data");
        try (DevStackProcess stack = DevStackProcess.start(data, endpointsFile, dir.resolve("devstack.log"),
                FIXED_CREDENTIALS, "--suffix", "segfold-runs=checkpoint.json")) {
            Endpoints e = stack.endpoints();
            assertEquals(stack.process().pid(), e.pid());
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

            stop(stack);
            assertFalse(Files.exists(endpointsFile), "endpoints file must be removed at stop");
            assertThrows(IOException.class, () -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(e.s3Endpoint().getHost(), e.s3Endpoint().getPort()), 2000);
                }
            });

            stack.launch();
            Endpoints again = stack.endpoints();
            try (InputStream in = client(again).getObject(GetObjectArgs.builder().bucket("segfold-runs")
                    .object("r9/3d_fullres/fold1/iter_20/checkpoint.json").build())) {
                assertEquals("checkpoint.json", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals(1, NotificationDrain.all(again.bootstrapServers(), again.notificationTopic()).size(),
                    "the notification of the first run must still be in Kafka");
            stop(stack);
        }
    }

    @Test
    void killedAndStartedAgainItServesTheSameStoredCredentialsPortsAndObjects() throws Exception {
        Path endpointsFile = dir.resolve("run/devstack.properties");
        try (DevStackProcess stack = DevStackProcess.start(dir.resolve("data"), endpointsFile,
                dir.resolve("devstack.log"), Map.of())) {
            Endpoints before = stack.endpoints();
            byte[] bytes = "kept".getBytes(StandardCharsets.UTF_8);
            client(before).putObject(PutObjectArgs.builder().bucket("segfold-runs").object("r1/kept.txt")
                    .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());

            stack.kill(); // SIGKILL: no shutdown hook
            stack.launch();
            Endpoints after = stack.endpoints();
            assertEquals(before.accessKey(), after.accessKey());
            assertEquals(before.secretKey(), after.secretKey());
            assertEquals(before.s3Endpoint(), after.s3Endpoint());
            assertEquals(before.bootstrapServers(), after.bootstrapServers());
            // a client made before the kill goes on with the same credentials
            try (InputStream in = client(before).getObject(GetObjectArgs.builder().bucket("segfold-runs")
                    .object("r1/kept.txt").build())) {
                assertEquals("kept", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals(PosixFilePermissions.fromString("rw-------"),
                    Files.getPosixFilePermissions(dir.resolve("data").resolve(StoredCredentials.FILE)));
        }
    }
}
