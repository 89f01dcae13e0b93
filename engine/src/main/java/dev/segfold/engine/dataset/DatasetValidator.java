package dev.segfold.engine.dataset;

import dev.segfold.engine.dataset.DatasetProblem.Severity;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.nifti.NiftiHeader;
import dev.segfold.engine.nifti.NiftiImage;
import dev.segfold.engine.nifti.NiftiReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a data set before training, the way nnU-Net's dataset integrity check does: every listed
 * file exists and reads, channel counts match dataset.json, each label lies on its image's grid
 * (shape, spacing, affine), label values are declared. NaN or infinite intensities are only a
 * warning, since loading sets them to 0. It reports every problem rather than stopping at the first.
 */
public final class DatasetValidator {
    /** Default tolerance for spacing and affine entries, in mm: float32 header rounding is far below it. */
    public static final double DEFAULT_GEOMETRY_TOLERANCE = 1e-3;

    private final double tolerance;

    public DatasetValidator() {
        this(DEFAULT_GEOMETRY_TOLERANCE);
    }

    /** @param tolerance largest difference in spacing or affine entries (mm) still called the same geometry */
    public DatasetValidator(double tolerance) {
        this.tolerance = tolerance;
    }

    /** Opens and validates {@code root}; a dataset.json that cannot be read is itself reported. */
    public ValidationReport validate(Path root) {
        try {
            return validate(MsdDataset.open(root));
        } catch (IOException e) {
            return new ValidationReport(root, 0, 0,
                    List.of(new DatasetProblem(Severity.ERROR, root.resolve("dataset.json"), null, e.getMessage())));
        }
    }

    public ValidationReport validate(MsdDataset dataset) {
        List<DatasetProblem> problems = new ArrayList<>();
        Path json = dataset.root().resolve("dataset.json");
        for (String id : dataset.duplicateCaseIds()) {
            problems.add(new DatasetProblem(Severity.ERROR, json, id, "case id listed more than once"));
        }
        if (!dataset.descriptor().labels().containsKey(0)) {
            problems.add(new DatasetProblem(Severity.WARNING, json, null, "labels do not declare 0 (background)"));
        }
        if (dataset.trainingCases().isEmpty()) {
            problems.add(new DatasetProblem(Severity.ERROR, json, null, "no training cases"));
        }
        Set<Integer> declared = dataset.descriptor().labels().keySet();
        for (CaseFiles c : dataset.trainingCases()) {
            checkCase(dataset, c, declared, problems);
        }
        for (CaseFiles c : dataset.testCases()) {
            checkCase(dataset, c, declared, problems);
        }
        reportUnlisted(dataset, problems);
        return new ValidationReport(dataset.root(), dataset.trainingCases().size(), dataset.testCases().size(), problems);
    }

    private void checkCase(MsdDataset dataset, CaseFiles c, Set<Integer> declared, List<DatasetProblem> problems) {
        String id = c.caseId();
        NiftiHeader reference = null;
        int channels = 0;
        boolean imagesComplete = true;
        for (Path file : c.images()) {
            if (!Files.isRegularFile(file)) {
                problems.add(new DatasetProblem(Severity.ERROR, file, id, "missing image file"));
                imagesComplete = false;
                continue;
            }
            NiftiImage image;
            try {
                image = NiftiReader.read(file);
            } catch (IOException e) {
                problems.add(new DatasetProblem(Severity.ERROR, file, id, "unreadable image: " + e.getMessage()));
                imagesComplete = false;
                continue;
            }
            if (dataset.layout() == DatasetLayout.NNUNET && image.channelCount() != 1) {
                problems.add(new DatasetProblem(Severity.ERROR, file, id,
                        "a per-channel file must be 3D, has " + image.channelCount() + " channels"));
            }
            channels += image.channelCount();
            for (int ch = 0; ch < image.channelCount(); ch++) {
                int bad = countNonFinite(image.channel(ch));
                if (bad > 0) {
                    problems.add(new DatasetProblem(Severity.WARNING, file, id, bad
                            + " NaN/Inf intensities in channel " + ch + "; they are set to 0 when loading"));
                }
            }
            if (reference == null) {
                reference = image.header();
                checkSpacing(reference, file, id, problems);
            } else {
                compareGeometry(reference, image.header(), file, id, "channel 0", problems);
            }
        }
        if (imagesComplete && channels != dataset.numChannels()) {
            problems.add(new DatasetProblem(Severity.ERROR, c.images().get(0), id, "has " + channels
                    + " channels, dataset.json declares " + dataset.numChannels() + " modalities"));
        }
        if (!c.hasLabel()) {
            return;
        }
        if (!Files.isRegularFile(c.label())) {
            problems.add(new DatasetProblem(Severity.ERROR, c.label(), id, "missing label file"));
            return;
        }
        NiftiImage label;
        try {
            label = NiftiReader.read(c.label());
        } catch (IOException e) {
            problems.add(new DatasetProblem(Severity.ERROR, c.label(), id, "unreadable label: " + e.getMessage()));
            return;
        }
        if (label.channelCount() != 1) {
            problems.add(new DatasetProblem(Severity.ERROR, c.label(), id,
                    "a label map must be 3D, has " + label.channelCount() + " channels"));
        }
        if (reference != null) {
            compareGeometry(reference, label.header(), c.label(), id, "image", problems);
        }
        checkLabelValues(label.channel(0), declared, c.label(), id, problems);
    }

    private void compareGeometry(NiftiHeader image, NiftiHeader other, Path file, String id, String what,
            List<DatasetProblem> problems) {
        if (!Arrays.equals(image.shape(), other.shape())) {
            problems.add(new DatasetProblem(Severity.ERROR, file, id, "shape (z,y,x) " + Arrays.toString(other.shape())
                    + " differs from the " + what + "'s " + Arrays.toString(image.shape())));
            return;
        }
        if (!close(image.spacing(), other.spacing())) {
            problems.add(new DatasetProblem(Severity.ERROR, file, id, "spacing (z,y,x) " + Arrays.toString(other.spacing())
                    + " differs from the " + what + "'s " + Arrays.toString(image.spacing())));
            return;
        }
        double[][] a = image.affine();
        double[][] b = other.affine();
        for (int i = 0; i < 3; i++) {
            if (!close(a[i], b[i])) {
                problems.add(new DatasetProblem(Severity.ERROR, file, id, "affine (origin or direction) "
                        + Arrays.deepToString(b) + " differs from the " + what + "'s " + Arrays.deepToString(a)));
                return;
            }
        }
    }

    private static void checkSpacing(NiftiHeader header, Path file, String id, List<DatasetProblem> problems) {
        for (double s : header.spacing()) {
            if (!(s > 0) || !Double.isFinite(s)) {
                problems.add(new DatasetProblem(Severity.ERROR, file, id,
                        "spacing (z,y,x) " + Arrays.toString(header.spacing()) + " must be positive"));
                return;
            }
        }
    }

    private static void checkLabelValues(Volume label, Set<Integer> declared, Path file, String id,
            List<DatasetProblem> problems) {
        Set<Float> seen = new HashSet<>();
        float[] d = label.data();
        float last = Float.NaN;
        for (float v : d) {
            if (v != last) {
                seen.add(v);
                last = v;
            }
        }
        TreeSet<String> undeclared = new TreeSet<>();
        for (float v : seen) {
            if (!Float.isFinite(v) || v != Math.rint(v)) {
                problems.add(new DatasetProblem(Severity.ERROR, file, id, "label value " + v + " is not an integer"));
            } else if (!declared.contains((int) v)) {
                undeclared.add(String.valueOf((int) v));
            }
        }
        if (!undeclared.isEmpty()) {
            problems.add(new DatasetProblem(Severity.ERROR, file, id, "label values " + undeclared
                    + " are not declared in dataset.json (declared: " + declared + ")"));
        }
    }

    private static void reportUnlisted(MsdDataset dataset, List<DatasetProblem> problems) {
        Set<Path> listed = new HashSet<>();
        for (CaseFiles c : dataset.trainingCases()) {
            listed.addAll(c.images());
        }
        Path folder = dataset.root().resolve("imagesTr");
        try {
            for (String name : MsdDataset.niftiNames(folder)) {
                Path p = folder.resolve(name).normalize();
                if (!listed.contains(p)) {
                    problems.add(new DatasetProblem(Severity.WARNING, p, null,
                            "image in imagesTr is not a listed training case; it is ignored"));
                }
            }
        } catch (IOException e) {
            problems.add(new DatasetProblem(Severity.ERROR, folder, null, "cannot list: " + e.getMessage()));
        }
    }

    private static int countNonFinite(Volume v) {
        int n = 0;
        for (float x : v.data()) {
            if (!Float.isFinite(x)) {
                n++;
            }
        }
        return n;
    }

    private boolean close(double[] a, double[] b) {
        for (int i = 0; i < a.length; i++) {
            if (!(Math.abs(a[i] - b[i]) <= tolerance)) {
                return false;
            }
        }
        return true;
    }
}
