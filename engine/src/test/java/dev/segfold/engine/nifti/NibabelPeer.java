package dev.segfold.engine.nifti;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.engine.testsupport.Float32Files;
import dev.segfold.engine.testsupport.PythonPeer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Has nibabel describe and write NIfTI files through {@code nibabel_peer.py}, run by
 * {@link PythonPeer}. Tests call {@link #require} to skip where nibabel is absent.
 */
public final class NibabelPeer {
    private static final String SCRIPT = "/nifti/nibabel_peer.py";

    /** Where the files exchanged with the peer go. */
    private final Path workDir;

    private NibabelPeer(Path workDir) {
        this.workDir = workDir;
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
    public static NibabelPeer require(Path workDir) {
        PythonPeer.assumeModules("nibabel", "numpy");
        return new NibabelPeer(workDir);
    }

    public Description describe(Path file) throws IOException {
        return describeAll(List.of(file)).get(0);
    }

    /** Describes several files with one interpreter start. */
    public List<Description> describeAll(List<Path> files) throws IOException {
        List<String> args = new ArrayList<>();
        List<Path[]> outputs = new ArrayList<>();
        for (Path file : files) {
            Path json = Files.createTempFile(workDir, "describe", ".json");
            Path f32 = Files.createTempFile(workDir, "describe", ".f32");
            args.addAll(List.of(file.toString(), json.toString(), f32.toString()));
            outputs.add(new Path[] {json, f32});
        }
        call("describe", args);
        List<Description> result = new ArrayList<>();
        for (Path[] o : outputs) {
            result.add(new Description(new ObjectMapper().readTree(o[0].toFile()), Float32Files.read(o[1])));
        }
        return result;
    }

    /** Has nibabel write each {@code outs[i]} from {@code specs[i]}; returns the values a reader must produce. */
    public List<float[]> writeAll(List<String> specs, List<Path> outs) throws IOException {
        List<String> args = new ArrayList<>();
        List<Path> expected = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            Path spec = Files.createTempFile(workDir, "spec", ".json");
            Files.writeString(spec, specs.get(i));
            Path f32 = Files.createTempFile(workDir, "expected", ".f32");
            args.addAll(List.of(spec.toString(), outs.get(i).toString(), f32.toString()));
            expected.add(f32);
        }
        call("write", args);
        List<float[]> result = new ArrayList<>();
        for (Path f : expected) {
            result.add(Float32Files.read(f));
        }
        return result;
    }

    private static void call(String command, List<String> args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(args);
        PythonPeer.runResource(NibabelPeer.class, SCRIPT, PythonPeer.DEFAULT_TIMEOUT, all.toArray(String[]::new));
    }
}
