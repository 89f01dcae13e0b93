package dev.segfold.engine.nifti;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code nibabel_peer.py} with the system Python ({@code /usr/bin/python3}, which has
 * nibabel; the pyenv python on PATH does not). Tests call {@link #require()} to skip where
 * nibabel is absent.
 */
public final class NibabelPeer {
    private static final String PYTHON = "/usr/bin/python3";
    private static Boolean available;

    private final Path script;

    private NibabelPeer(Path script) {
        this.script = script;
    }

    /** What nibabel says about a file. */
    public record Description(JsonNode info, float[] data) {
        public double[][] matrix(String key) {
            double[][] m = new double[4][4];
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    m[i][j] = info.get(key).get(i).get(j).asDouble();
                }
            }
            return m;
        }

        public int[] shape() {
            int[] s = new int[info.get("shape").size()];
            for (int i = 0; i < s.length; i++) {
                s[i] = info.get("shape").get(i).asInt();
            }
            return s;
        }
    }

    /** A peer in {@code workDir}, or skips the calling test where nibabel cannot be imported. */
    public static NibabelPeer require(Path workDir) throws IOException, InterruptedException {
        if (available == null) {
            available = Files.isExecutable(Path.of(PYTHON)) && run(List.of(PYTHON, "-c", "import nibabel, numpy")) == 0;
        }
        assumeTrue(available, "nibabel is not importable by " + PYTHON + "; skipping the nibabel cross-check");
        Path script = workDir.resolve("nibabel_peer.py");
        try (InputStream in = NibabelPeer.class.getResourceAsStream("/nifti/nibabel_peer.py")) {
            Files.write(script, in.readAllBytes());
        }
        return new NibabelPeer(script);
    }

    public Description describe(Path file) throws IOException, InterruptedException {
        return describeAll(List.of(file)).get(0);
    }

    /** Describes several files with one interpreter start. */
    public List<Description> describeAll(List<Path> files) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        List<Path[]> outputs = new ArrayList<>();
        for (Path file : files) {
            Path json = Files.createTempFile(script.getParent(), "describe", ".json");
            Path f32 = Files.createTempFile(script.getParent(), "describe", ".f32");
            args.addAll(List.of(file.toString(), json.toString(), f32.toString()));
            outputs.add(new Path[] {json, f32});
        }
        call("describe", args);
        List<Description> result = new ArrayList<>();
        for (Path[] o : outputs) {
            result.add(new Description(new ObjectMapper().readTree(o[0].toFile()), floats(o[1])));
        }
        return result;
    }

    /** Has nibabel write each {@code outs[i]} from {@code specs[i]}; returns the values a reader must produce. */
    public List<float[]> writeAll(List<String> specs, List<Path> outs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        List<Path> expected = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Path spec = Files.createTempFile(script.getParent(), "spec", ".json");
            Files.writeString(spec, specs.get(i));
            Path f32 = Files.createTempFile(script.getParent(), "expected", ".f32");
            args.addAll(List.of(spec.toString(), outs.get(i).toString(), f32.toString()));
            expected.add(f32);
        }
        call("write", args);
        List<float[]> result = new ArrayList<>();
        for (Path f : expected) {
            result.add(floats(f));
        }
        return result;
    }

    private void call(String command, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(PYTHON, script.toString(), command));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("nibabel peer timed out: " + cmd);
        }
        assertEquals(0, p.exitValue(), "nibabel peer failed: " + cmd + "\n" + new String(output, StandardCharsets.UTF_8));
    }

    private static int run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[b.remaining() / 4];
        b.asFloatBuffer().get(out);
        return out;
    }
}
