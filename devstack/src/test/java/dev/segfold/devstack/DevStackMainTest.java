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
    void runsAsProcessStopsOnSigtermSurvivesSigkillAndKeepsDataAndCredentialsAcrossRestarts() throws Exception {
        Path endpointsFile = dir.resolve("run/devstack.properties");
        Path data = dir.resolve("data");
        try (DevStackProcess stack = DevStackProcess.start(data, endpointsFile, dir.resolve("devstack.log"),
                Map.of(), "--suffix", "segfold-runs=checkpoint.json")) {
            Endpoints e = stack.endpoints();
            assertEquals(stack.process().pid(), e.pid());
            assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(endpointsFile));
            assertEquals(PosixFilePermissions.fromString("rw-------"),
                    Files.getPosixFilePermissions(data.resolve(StoredCredentials.FILE)));
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
            assertEquals(e.secretKey(), again.secretKey(), "the stored credentials, not new ones");
            try (InputStream in = client(again).getObject(GetObjectArgs.builder().bucket("segfold-runs")
                    .object(prefix + "checkpoint.json").build())) {
                assertEquals("checkpoint.json", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            assertEquals(1, NotificationDrain.all(again.bootstrapServers(), again.notificationTopic()).size(),
                    "the notification of the first run must still be in Kafka");

            stack.kill(); // SIGKILL: no shutdown hook, the endpoints file stays behind
            stack.launch();
            Endpoints afterKill = stack.endpoints();
            assertEquals(e.accessKey(), afterKill.accessKey());
            assertEquals(e.s3Endpoint(), afterKill.s3Endpoint());
            assertEquals(e.bootstrapServers(), afterKill.bootstrapServers());
            // a client made before the kill goes on with the same credentials
            try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket("segfold-runs")
                    .object(prefix + "model.params").build())) {
                assertEquals("model.params", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            stop(stack);
        }
    }
}
