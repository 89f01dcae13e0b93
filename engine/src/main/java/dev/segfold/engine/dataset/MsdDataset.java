package dev.segfold.engine.dataset;

import dev.segfold.engine.image.Volume;
import dev.segfold.engine.nifti.NiftiHeader;
import dev.segfold.engine.nifti.NiftiImage;
import dev.segfold.engine.nifti.NiftiReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A segmentation data set folder: its {@code dataset.json} and where each case's files are, in
 * the MSD or the nnU-Net layout (detected from the files present). Opening reads only
 * {@code dataset.json} and directory listings; {@link #load} reads a case's images.
 */
public final class MsdDataset {
    /** nnU-Net's channel suffix: {@code _XXXX} before the file ending. */
    private static final Pattern CHANNEL_FILE = Pattern.compile("(.+)_(\\d{4})\\.nii(\\.gz)?");
    private static final Pattern NIFTI_FILE = Pattern.compile("(.+)\\.nii(\\.gz)?");

    private final Path root;
    private final DatasetDescriptor descriptor;
    private final DatasetLayout layout;
    private final Map<String, CaseFiles> training;
    private final Map<String, CaseFiles> test;
    private final List<String> duplicateIds;

    private MsdDataset(Path root, DatasetDescriptor descriptor, DatasetLayout layout, List<CaseFiles> training,
            List<CaseFiles> test) {
        this.root = root;
        this.descriptor = descriptor;
        this.layout = layout;
        this.training = new LinkedHashMap<>();
        this.test = new LinkedHashMap<>();
        List<String> duplicates = new ArrayList<>();
        for (CaseFiles c : training) {
            if (this.training.putIfAbsent(c.caseId(), c) != null) {
                duplicates.add(c.caseId());
            }
        }
        for (CaseFiles c : test) {
            if (this.test.putIfAbsent(c.caseId(), c) != null) {
                duplicates.add(c.caseId());
            }
        }
        this.duplicateIds = List.copyOf(duplicates);
    }

    /**
     * Opens the data set in {@code root}.
     *
     * @throws DatasetFormatException if {@code root} is not a folder or its dataset.json is
     *     missing or malformed
     */
    public static MsdDataset open(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new DatasetFormatException(root + ": not a data set folder (does not exist or is not a directory)");
        }
        DatasetDescriptor d = DatasetJson.read(root.resolve("dataset.json"));
        DatasetLayout layout = detectLayout(root, d);
        List<CaseFiles> training = new ArrayList<>();
        if (!d.training().isEmpty()) {
            for (TrainingPair p : d.training()) {
                Path image = root.resolve(p.image()).normalize();
                training.add(new CaseFiles(caseIdOf(image, layout), imageFiles(image, layout, d.numChannels()),
                        root.resolve(p.label()).normalize()));
            }
        } else {
            for (String id : scanCaseIds(root.resolve("imagesTr"), layout)) {
                Path image = root.resolve("imagesTr").resolve(id + ".nii.gz");
                training.add(new CaseFiles(id, imageFiles(image, layout, d.numChannels()),
                        root.resolve("labelsTr").resolve(id + ".nii.gz")));
            }
        }
        List<CaseFiles> test = new ArrayList<>();
        List<String> testPaths = d.test();
        if (testPaths.isEmpty()) {
            testPaths = scanCaseIds(root.resolve("imagesTs"), layout).stream().map(id -> "imagesTs/" + id + ".nii.gz").toList();
        }
        for (String t : testPaths) {
            Path image = root.resolve(t).normalize();
            test.add(new CaseFiles(caseIdOf(image, layout), imageFiles(image, layout, d.numChannels()), null));
        }
        return new MsdDataset(root, d, layout, training, test);
    }

    public Path root() {
        return root;
    }

    public DatasetDescriptor descriptor() {
        return descriptor;
    }

    public DatasetLayout layout() {
        return layout;
    }

    /** Number of image channels, from dataset.json's modalities. */
    public int numChannels() {
        return descriptor.numChannels();
    }

    /** Training cases in dataset.json order (the first of any duplicate id). */
    public List<CaseFiles> trainingCases() {
        return List.copyOf(training.values());
    }

    public List<CaseFiles> testCases() {
        return List.copyOf(test.values());
    }

    /** Training case ids in dataset.json order. */
    public List<String> trainingCaseIds() {
        return List.copyOf(training.keySet());
    }

    /** Case ids listed more than once (an error the validator reports). */
    public List<String> duplicateCaseIds() {
        return duplicateIds;
    }

    /** A training or test case by id. */
    public Optional<CaseFiles> find(String caseId) {
        CaseFiles c = training.get(caseId);
        return Optional.ofNullable(c != null ? c : test.get(caseId));
    }

    /** Loads a training or test case by id. */
    public LoadedCase load(String caseId) throws IOException {
        return load(find(caseId).orElseThrow(() -> new DatasetFormatException(
                root + ": no case '" + caseId + "' in dataset.json or the image folders")));
    }

    /**
     * Reads a case's channels and labels. NaN and infinite intensities become 0, as nnU-Net does,
     * with a warning; a channel count or shape that disagrees with dataset.json or the image is an
     * error naming the file.
     */
    public LoadedCase load(CaseFiles files) throws IOException {
        List<String> warnings = new ArrayList<>();
        List<Volume> channels = new ArrayList<>();
        NiftiHeader header = null;
        for (Path file : files.images()) {
            requireExists(file, "image", files.caseId());
            NiftiImage image = NiftiReader.read(file);
            if (header == null) {
                header = image.header();
            } else if (!Arrays.equals(header.shape(), image.header().shape())) {
                throw new DatasetFormatException(file + ": shape " + Arrays.toString(image.header().shape())
                        + " differs from channel 0's " + Arrays.toString(header.shape()));
            }
            if (layout == DatasetLayout.NNUNET && image.channelCount() != 1) {
                throw new DatasetFormatException(file + ": a per-channel file must be 3D, has "
                        + image.channelCount() + " channels");
            }
            for (int c = 0; c < image.channelCount(); c++) {
                Volume v = image.channel(c);
                int repaired = zeroNonFinite(v);
                if (repaired > 0) {
                    warnings.add(file + ": " + repaired + " NaN/Inf voxels in channel " + c + " set to 0");
                }
                channels.add(v);
            }
        }
        if (channels.size() != numChannels()) {
            throw new DatasetFormatException(files.images().get(0) + ": case " + files.caseId() + " has "
                    + channels.size() + " channels, dataset.json declares " + numChannels() + " modalities");
        }
        Volume seg = null;
        if (files.hasLabel()) {
            requireExists(files.label(), "label", files.caseId());
            NiftiImage label = NiftiReader.read(files.label());
            if (label.channelCount() != 1 || !Arrays.equals(label.header().shape(), header.shape())) {
                throw new DatasetFormatException(files.label() + ": label shape "
                        + Arrays.toString(label.header().shape()) + " x " + label.channelCount()
                        + " channel(s) differs from the image's " + Arrays.toString(header.shape()));
            }
            seg = label.volume();
        }
        RawCase raw = new RawCase(files.caseId(), channels.toArray(Volume[]::new), seg, header.spacing());
        return new LoadedCase(raw, header, warnings);
    }

    /** Sets NaN and infinite values to 0; returns how many there were. */
    static int zeroNonFinite(Volume v) {
        float[] d = v.data();
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                d[i] = 0f;
                n++;
            }
        }
        return n;
    }

    /** The case id of an image path: MSD strips {@code .nii.gz}; nnU-Net also strips {@code _XXXX}. */
    static String caseIdOf(Path image, DatasetLayout layout) {
        String name = image.getFileName().toString();
        if (layout == DatasetLayout.NNUNET) {
            Matcher m = CHANNEL_FILE.matcher(name);
            if (m.matches()) {
                return m.group(1);
            }
        }
        Matcher m = NIFTI_FILE.matcher(name);
        return m.matches() ? m.group(1) : name;
    }

    private static List<Path> imageFiles(Path image, DatasetLayout layout, int channels) {
        if (layout == DatasetLayout.MSD) {
            return List.of(image);
        }
        String id = caseIdOf(image, layout);
        String ending = image.getFileName().toString().endsWith(".gz") ? ".nii.gz" : ".nii";
        List<Path> files = new ArrayList<>();
        for (int c = 0; c < channels; c++) {
            files.add(image.resolveSibling(String.format("%s_%04d%s", id, c, ending)));
        }
        return files;
    }

    /**
     * MSD where the listed image files exist as named; nnU-Net where instead their
     * {@code _0000} siblings exist (v1 lists {@code ./imagesTr/la_003.nii.gz} for
     * {@code la_003_0000.nii.gz}), or where nothing is listed and imagesTr holds channel files.
     */
    private static DatasetLayout detectLayout(Path root, DatasetDescriptor d) throws IOException {
        if (!d.training().isEmpty()) {
            int direct = 0;
            int split = 0;
            for (TrainingPair p : d.training()) {
                Path image = root.resolve(p.image()).normalize();
                if (Files.exists(image)) {
                    direct++;
                } else if (Files.exists(imageFiles(image, DatasetLayout.NNUNET, 1).get(0))) {
                    split++;
                }
            }
            return split > direct ? DatasetLayout.NNUNET : DatasetLayout.MSD;
        }
        List<String> names = niftiNames(root.resolve("imagesTr"));
        long channelFiles = names.stream().filter(n -> CHANNEL_FILE.matcher(n).matches()).count();
        return !names.isEmpty() && channelFiles == names.size() ? DatasetLayout.NNUNET : DatasetLayout.MSD;
    }

    private static List<String> scanCaseIds(Path folder, DatasetLayout layout) throws IOException {
        TreeMap<String, Boolean> ids = new TreeMap<>();
        for (String name : niftiNames(folder)) {
            ids.put(caseIdOf(folder.resolve(name), layout), true);
        }
        return List.copyOf(ids.keySet());
    }

    /** NIfTI file names in a folder, sorted, without hidden files such as macOS's {@code ._x}. */
    static List<String> niftiNames(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.startsWith(".") && NIFTI_FILE.matcher(n).matches())
                    .sorted()
                    .toList();
        }
    }

    private static void requireExists(Path file, String what, String caseId) throws DatasetFormatException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file + ": missing " + what + " file of case " + caseId);
        }
    }
}
