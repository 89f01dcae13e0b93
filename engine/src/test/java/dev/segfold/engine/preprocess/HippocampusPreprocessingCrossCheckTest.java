package dev.segfold.engine.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.engine.dataset.RawCase;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.testsupport.Float32Files;
import dev.segfold.engine.testsupport.PythonPeer;
import dev.segfold.engine.testsupport.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real MSD Hippocampus cases preprocessed here and by a Python peer (nibabel, scipy, skimage as
 * nnU-Net v1 uses them). Until the engine reads NIfTI itself, the peer also hands over the raw
 * arrays. Skips where the data or the peer is absent.
 */
class HippocampusPreprocessingCrossCheckTest {
    private static final String[] CASES = {"hippocampus_001", "hippocampus_003", "hippocampus_006"};

    @TempDir
    Path dir;
    /** The real data set's folder. */
    private Path data;

    @Test
    void matchesThePeerWithAndWithoutResampling() throws Exception {
        data = SharedData.hippocampus();
        PythonPeer.assumeModules("nibabel", "scipy", "skimage");
        // the data set's own spacing (no resampling), and a resampling with the nonzero mask
        crossCheck(new double[] {1, 1, 1}, false);
        crossCheck(new double[] {1.3, 0.9, 1.15}, true);
    }

    private void crossCheck(double[] target, boolean useMask) throws Exception {
        Path out = Files.createTempDirectory(dir, "run");
        JsonNode results = runPeer(out, target, useMask);
        PreprocessingParameters params = new PreprocessingParameters(new int[] {0, 1, 2}, target,
                NormalizationParameters.allNonCt(1, useMask), new int[] {1, 2});
        CasePreprocessor preprocessor = new CasePreprocessor(params);
        for (JsonNode r : results) {
            String id = r.get("id").asText();
            int[] rawShape = ints(r.get("rawShape"));
            double[] spacing = {r.get("spacing").get(0).asDouble(), r.get("spacing").get(1).asDouble(),
                r.get("spacing").get(2).asDouble()};
            RawCase raw = new RawCase(id, new Volume[] {read(out.resolve(id + "_raw_image.f32"), rawShape)},
                    read(out.resolve(id + "_raw_seg.f32"), rawShape), spacing);
            PreprocessedCase p = preprocessor.preprocess(raw);
            String what = id + " target " + java.util.Arrays.toString(target) + " mask " + useMask;
            int[] shape = ints(r.get("shape"));
            int[][] box = new int[3][];
            for (int a = 0; a < 3; a++) {
                box[a] = ints(r.get("box").get(a));
            }
            assertArrayEquals(box, p.properties().cropBox(), what);
            assertArrayEquals(shape, p.seg().shape(), what);
            assertArrayEquals(read(out.resolve(id + "_expected_seg.f32"), shape).data(), p.seg().data(), what);
            float[] expected = read(out.resolve(id + "_expected_data.f32"), shape).data();
            float[] actual = p.data()[0].data();
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
            }
            assertTrue(worst < 1e-4, what + ": max data difference " + worst);
        }
    }

    private JsonNode runPeer(Path out, double[] target, boolean useMask) throws IOException {
        List<Map<String, String>> cases = new ArrayList<>();
        for (String id : CASES) {
            cases.add(Map.of("id", id,
                    "image", data.resolve("imagesTr").resolve(id + ".nii.gz").toString(),
                    "label", data.resolve("labelsTr").resolve(id + ".nii.gz").toString()));
        }
        Path job = out.resolve("job.json");
        ObjectMapper json = new ObjectMapper();
        json.writeValue(job.toFile(), Map.of("cases", cases, "targetSpacing", target, "useMask", useMask,
                "output", out.toString()));
        PythonPeer.runResource(getClass(), "preprocess_peer.py", PythonPeer.DEFAULT_TIMEOUT, job.toString());
        return json.readTree(out.resolve("results.json").toFile());
    }

    private static Volume read(Path file, int[] shape) throws IOException {
        return new Volume(shape, Float32Files.read(file));
    }

    private static int[] ints(JsonNode n) {
        int[] r = new int[n.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = n.get(i).asInt();
        }
        return r;
    }
}
