package dev.segfold.engine.resample;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.engine.image.Volume;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs skimage/scipy (Debian's /usr/bin/python3) on a batch of volumes so that tests can compare
 * against the library nnU-Net calls. Tests skip where the peer is absent.
 */
final class SkimagePeer {
    static final Path PYTHON = Path.of("/usr/bin/python3");

    private final Path dir;
    private final List<Map<String, Object>> jobs = new ArrayList<>();
    private final List<int[]> outShapes = new ArrayList<>();

    SkimagePeer(Path dir) {
        this.dir = dir;
    }

    /** Skips the calling test unless python3 with numpy, scipy and skimage is installed. */
    static void assumeAvailable() {
        boolean ok = false;
        if (Files.isExecutable(PYTHON)) {
            try {
                Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import numpy, scipy, skimage")
                        .redirectErrorStream(true).start();
                ok = p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                ok = false;
            }
        }
        assumeTrue(ok, "skipped: /usr/bin/python3 with numpy, scipy and skimage is not available");
    }

    /** Adds a job; returns its index for {@link #run}'s result list. */
    int add(String op, Volume input, int[] newShape, Map<String, Object> extra) throws IOException {
        int i = jobs.size();
        Path in = dir.resolve("in" + i + ".f32");
        write(in, input.data());
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

    List<Volume> run() throws IOException, InterruptedException {
        Path script = dir.resolve("skimage_peer.py");
        try (InputStream s = SkimagePeer.class.getResourceAsStream("skimage_peer.py")) {
            Files.copy(s, script);
        }
        Path manifest = dir.resolve("jobs.json");
        new ObjectMapper().writeValue(manifest.toFile(), jobs);
        Process p = new ProcessBuilder(PYTHON.toString(), script.toString(), manifest.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("python peer failed: " + log);
        }
        List<Volume> out = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            byte[] bytes = Files.readAllBytes(Path.of((String) jobs.get(i).get("output")));
            float[] data = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(data);
            out.add(new Volume(outShapes.get(i), data));
        }
        return out;
    }

    private static void write(Path path, float[] data) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(data);
        Files.write(path, b.array());
    }
}
