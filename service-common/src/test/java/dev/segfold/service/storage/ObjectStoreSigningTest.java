package dev.segfold.service.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.junit.DevStackExtension;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Presigned URLs for an endpoint other than the service's own (a real S3 server checks the
 * signature, which covers the host), and the streaming read the API's download uses.
 */
@ExtendWith(DevStackExtension.class)
class ObjectStoreSigningTest {

    @Test
    void aUrlSignedForThePublicEndpointWorksThereAndNamesItsHost(DevStack stack) throws Exception {
        ObjectStore store = new ObjectStore(config(stack));
        String bucket = store.buckets().runs();
        byte[] content = "PK-submission".getBytes();
        store.put(bucket, "r1/package/submission.zip", content, "application/zip");

        // the service talks to 127.0.0.1; its callers reach the same server as localhost
        URI publicEndpoint = URI.create("http://localhost:" + stack.s3Endpoint().getPort());
        String url = store.presignedGet(bucket, "r1/package/submission.zip", Duration.ofMinutes(5), publicEndpoint);
        assertTrue(url.startsWith(publicEndpoint + "/"), url);
        assertTrue(url.contains("X-Amz-Expires=300"), url);
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(content, download.body());

        // the same signature presented to another host name is refused: the host is signed
        String elsewhere = url.replace("http://localhost:", "http://127.0.0.1:");
        assertEquals(403, HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(elsewhere)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        assertEquals(OptionalLong.of(content.length), store.size(bucket, "r1/package/submission.zip"));
        assertEquals(OptionalLong.empty(), store.size(bucket, "r1/package/none.zip"));
        try (InputStream in = store.open(bucket, "r1/package/submission.zip")) {
            assertArrayEquals(content, in.readAllBytes());
        }
    }

    private static ObjectStoreConfig config(DevStack stack) {
        return StoreConfigs.of(stack, stack.accessKey(), stack.secretKey(), Duration.ofSeconds(5));
    }
}
