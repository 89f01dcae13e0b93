package dev.segfold.engine.resample;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.testsupport.Float32Files;
import dev.segfold.engine.testsupport.PythonPeer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs skimage/scipy ({@link PythonPeer}) on a batch of volumes so that tests can compare
 * against the library nnU-Net calls. Tests skip where the peer is absent.
 */
final class SkimagePeer {
    private final Path dir;
    private final List<Map<String, Object>> jobs = new ArrayList<>();
    private final List<int[]> outShapes = new ArrayList<>();

    SkimagePeer(Path dir) {
        this.dir = dir;
    }

    /** Skips the calling test unless python3 with numpy, scipy and skimage is installed. */
    static void assumeAvailable() {
        PythonPeer.assumeModules("numpy", "scipy", "skimage");
    }

    /** Adds a job; returns its index for {@link #run}'s result list. */
    int add(String op, Volume input, int[] newShape, Map<String, Object> extra) throws IOException {
        int i = jobs.size();
        Path in = dir.resolve("in" + i + ".f32");
        Float32Files.write(in, input.data());
        Map<String, Object> job = new LinkedHashMap<>(extra);
        job.put("op", op);
        job.put("input", in.toString());
        job.put("output", dir.resolve("out" + i + ".f32").toString());
        job.put("shape", input.shape());
        job.put("newShape", newShape);
        jobs.add(job);
        outShapes.add(newShape.clone());
        return i;
    }

    List<Volume> run() throws IOException {
        Path manifest = dir.resolve("jobs.json");
        new ObjectMapper().writeValue(manifest.toFile(), jobs);
        PythonPeer.runResource(SkimagePeer.class, "skimage_peer.py", PythonPeer.DEFAULT_TIMEOUT, manifest.toString());
        List<Volume> out = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            float[] data = Float32Files.read(Path.of((String) jobs.get(i).get("output")));
            out.add(new Volume(outShapes.get(i), data));
        }
        return out;
    }
}
