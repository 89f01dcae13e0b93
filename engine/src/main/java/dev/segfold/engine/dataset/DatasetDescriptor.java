package dev.segfold.engine.dataset;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The contents of a data set's {@code dataset.json} that Segfold uses.
 *
 * @param name data set name, e.g. "Hippocampus"
 * @param description free text
 * @param reference where the data come from
 * @param licence the data's licence
 * @param release release string ({@code release}, or {@code relase} as Hippocampus spells it)
 * @param tensorImageSize "3D" or "4D"
 * @param modalities channel index to modality name ("MRI", "CT", ...); nnU-Net v2 calls these
 *     {@code channel_names}
 * @param labels label value to name; 0 is the background
 * @param training the training entries, empty where the file does not list them (nnU-Net v2)
 * @param test the test image paths
 */
public record DatasetDescriptor(
        String name,
        String description,
        String reference,
        String licence,
        String release,
        String tensorImageSize,
        SortedMap<Integer, String> modalities,
        SortedMap<Integer, String> labels,
        List<TrainingPair> training,
        List<String> test) {

    public DatasetDescriptor {
        modalities = new TreeMap<>(modalities);
        labels = new TreeMap<>(labels);
        training = List.copyOf(training);
        test = List.copyOf(test);
    }

    public int numChannels() {
        return modalities.size();
    }

    /** The declared labels other than 0, ascending. */
    public List<Integer> foregroundLabels() {
        return labels.keySet().stream().filter(l -> l != 0).toList();
    }

    @Override
    public SortedMap<Integer, String> modalities() {
        return new TreeMap<>(modalities);
    }

    @Override
    public SortedMap<Integer, String> labels() {
        return new TreeMap<>(labels);
    }
}
