package dev.segfold.client.bundle;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.json.ContractJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Fold bundles laid out as the packager writes them, built in memory for the tests. */
final class BundleZips {
    static final int ITERATION = 20;

    private BundleZips() {
    }

    /** The entries of a bundle of {@code sourceRun}'s {@code 3d_lowres} fold 1, by name. */
    static Map<String, byte[]> entries(String sourceRun) throws IOException {
        Random random = new Random(7);
        byte[] model = new byte[4096];
        byte[] optimizer = new byte[2048];
        random.nextBytes(model);
        random.nextBytes(optimizer);
        byte[] training = "{\"iterations\":20}".getBytes(StandardCharsets.UTF_8);
        CheckpointManifest manifest = new CheckpointManifest(1, sourceRun, "3d_lowres", 0, 1, ITERATION, true,
                List.of(file("model.params", model), file("optimizer.params", optimizer), file("training.json", training)),
                "cc".repeat(32), Instant.parse("2026-11-29T12:00:00Z"));
        ObjectNode json = ContractJson.mapper().valueToTree(manifest);
        json.put("seed", 123); // the engine's field, which the contract does not know
        String iter = "iter_" + ITERATION + "/";
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put(iter + "model.params", model);
        entries.put(iter + "optimizer.params", optimizer);
        entries.put(iter + "training.json", training);
        entries.put(iter + "checkpoint.json", ContractJson.mapper().writeValueAsBytes(json));
        entries.put("postprocessing.json", "{}".getBytes(StandardCharsets.UTF_8));
        entries.put("summary.json", "{}".getBytes(StandardCharsets.UTF_8));
        entries.put("nnunet_fold1.yml", "fold: 1\n".getBytes(StandardCharsets.UTF_8));
        return entries;
    }

    static byte[] zip(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static ManifestFile file(String name, byte[] content) {
        return new ManifestFile(name, content.length, BundleImport.sha256(content));
    }
}
