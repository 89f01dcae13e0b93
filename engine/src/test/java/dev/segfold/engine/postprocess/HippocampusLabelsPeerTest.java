package dev.segfold.engine.postprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segfold.engine.evaluation.CaseEvaluation;
import dev.segfold.engine.evaluation.Evaluator;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.testsupport.PythonPeer;
import dev.segfold.engine.testsupport.SharedData;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keep-largest and Dice on real Hippocampus label maps (read by nibabel in the Python peer),
 * against nnU-Net's function on scipy. Skips where the data set or the peer is absent.
 */
class HippocampusLabelsPeerTest {
    static final List<String> CASES = List.of("hippocampus_001", "hippocampus_003", "hippocampus_006");

    @Test
    void keepLargestAndDiceMatchNnUNetOnRealLabels() {
        Path labels = SharedData.hippocampus().resolve("labelsTr");
        PythonPeer.assumeModules("numpy", "scipy.ndimage", "nibabel");
        StringBuilder files = new StringBuilder();
        for (String c : CASES) {
            files.append('\'').append(labels.resolve(c + ".nii.gz")).append("',");
        }
        String out = PythonPeer.run(NnUNetReference.FUNCTIONS + """
                import nibabel as nib
                for f in [%s]:
                    img = nib.load(f)
                    a = np.asarray(img.dataobj).astype(np.int64).transpose(2, 1, 0)  # (z, y, x) as SimpleITK
                    vpv = float(np.prod(img.header.get_zooms(), dtype=np.float64))
                    # a prediction: the reference shifted by 2 voxels along y, plus a speck far away
                    pred = np.zeros_like(a); pred[:, 2:, :] = a[:, :-2, :]; pred[0, 0, 0] = 1; pred[-1, -1, -1] = 2
                    print(' '.join(map(str, a.shape)), repr(vpv))
                    print(' '.join(map(str, a.ravel())))
                    for fwc in ([(1, 2)], [1], [2], [(1, 2), 1, 2]):
                        print(' '.join(map(str, remove(pred.copy(), fwc, vpv).ravel())))
                    print(' '.join(repr(dice(pred == l, a == l)) for l in (0, 1, 2)))
                """.formatted(files));
        String[] lines = out.strip().split("\n");
        List<PostprocessingPlan> plans = List.of(
                new PostprocessingPlan(List.of(LabelGroup.joint(List.of(1, 2)))),
                new PostprocessingPlan(List.of(LabelGroup.of(1))),
                new PostprocessingPlan(List.of(LabelGroup.of(2))),
                new PostprocessingPlan(List.of(LabelGroup.joint(List.of(1, 2)), LabelGroup.of(1), LabelGroup.of(2))));
        int line = 0;
        for (String name : CASES) {
            String[] head = lines[line++].split(" ");
            int[] shape = {Integer.parseInt(head[0]), Integer.parseInt(head[1]), Integer.parseInt(head[2])};
            double voxelVolume = Double.parseDouble(head[3]);
            Volume ref = new Volume(shape, floats(lines[line++]));
            Volume pred = Volume.zeros(shape);
            for (int z = 0; z < shape[0]; z++) {
                for (int y = 2; y < shape[1]; y++) {
                    for (int x = 0; x < shape[2]; x++) {
                        pred.set(z, y, x, ref.get(z, y - 2, x));
                    }
                }
            }
            pred.set(0, 0, 0, 1);
            pred.set(shape[0] - 1, shape[1] - 1, shape[2] - 1, 2);
            for (PostprocessingPlan plan : plans) {
                assertArrayEquals(floats(lines[line++]), plan.apply(pred, voxelVolume).data(), name + " " + plan);
            }
            CaseEvaluation ev = new Evaluator(Evaluator.labelsUpTo(2)).evaluate(pred, ref, name, name);
            double[] dice = Arrays.stream(lines[line++].split(" ")).mapToDouble(Double::parseDouble).toArray();
            for (int l = 0; l <= 2; l++) {
                assertEquals(dice[l], ev.dice(l), 1e-12, name + " label " + l);
            }
        }
    }

    static float[] floats(String line) {
        String[] parts = line.trim().split(" ");
        float[] f = new float[parts.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = Integer.parseInt(parts[i]);
        }
        return f;
    }
}
