package dev.segfold.client.bundle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.client.ImportClient;
import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.storage.Buckets;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.CheckpointRef;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.junit.DevStackExtension;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bundle imported into a second run on a real S3 server: the objects lie where the evaluator
 * looks, and the manifest matches its key and its files' digests, as the evaluator checks them.
 */
@ExtendWith(DevStackExtension.class)
class BundleImportDevStackTest {

    @Test
    void importedBundleIsACompleteCheckpointOfTheTargetFold(DevStack stack) throws Exception {
        MinioClient s3 = MinioClient.builder().endpoint(stack.s3Endpoint().toString())
                .credentials(stack.accessKey(), stack.secretKey()).region(stack.region()).build();
        String target = "import-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] bundle = BundleZips.zip(BundleZips.entries("source-run"));
        BundleImport.Plan plan = BundleImport.plan(new ByteArrayInputStream(bundle), "fold1.zip", target, "3d_lowres", 2);
        ImportClient.upload(s3, Buckets.DEFAULT_RUNS, plan);

        List<String> keys = new ArrayList<>();
        for (Result<Item> r : s3.listObjects(ListObjectsArgs.builder().bucket(Buckets.DEFAULT_RUNS)
                .prefix(target + "/").recursive(true).build())) {
            String key = r.get().objectName();
            if (!key.endsWith("/")) { // the filesystem store lists its folders too
                keys.add(key);
            }
        }
        String prefix = target + "/3d_lowres/fold2/iter_20/";
        assertEquals(List.of(prefix + "checkpoint.json", prefix + "model.params", prefix + "optimizer.params",
                prefix + "training.json"), keys.stream().sorted().toList(), "only the checkpoint, under the fold");

        // what the evaluator does with a manifest key: parse it, read the manifest, match, verify
        String manifestKey = prefix + CheckpointLayout.MANIFEST;
        CheckpointRef ref = CheckpointLayout.parseManifestKey(manifestKey).orElseThrow();
        CheckpointManifest manifest = ContractJson.read(get(s3, manifestKey), CheckpointManifest.class);
        assertEquals(ref.runId(), manifest.runId());
        assertEquals(ref.configuration(), manifest.configuration());
        assertEquals(ref.fold(), manifest.fold());
        assertEquals(ref.iteration(), manifest.iteration());
        assertEquals(0, manifest.stage());
        assertTrue(manifest.finalCheckpoint());
        for (ManifestFile f : manifest.files()) {
            byte[] content = get(s3, manifest.layout().file(f.name()));
            assertEquals(f.size(), content.length, f.name());
            assertEquals(f.sha256(), BundleImport.sha256(content), f.name());
        }
    }

    private static byte[] get(MinioClient s3, String key) throws Exception {
        try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(Buckets.DEFAULT_RUNS).object(key).build())) {
            return in.readAllBytes();
        }
    }
}
