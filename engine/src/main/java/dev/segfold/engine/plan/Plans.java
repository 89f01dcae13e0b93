package dev.segfold.engine.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The experiment plans of a data set (nnU-Net's {@code nnUNetPlansv2.1_plans_3D}): stage-independent
 * settings plus one {@link StagePlan} per stage. With two stages, stage 0 is the low-res stage and
 * stage 1 the full-resolution one; see {@link Configuration}. Stored as {@code plans.json} by
 * {@link PlansJson}; the derived counts {@code num_stages}, {@code num_modalities} and
 * {@code num_classes} are written for readers and recomputed on reading.
 *
 * @param modalities channel index to modality name
 * @param normalizationSchemes channel index to scheme
 * @param useMaskForNorm channel index to whether normalization uses the nonzero mask
 * @param allClasses foreground labels
 * @param baseNumFeatures feature maps of the first network stage
 * @param transposeForward axis permutation applied in preprocessing (coarsest-spacing axis first)
 * @param transposeBackward its inverse, applied to predictions
 * @param dataIdentifier names the preprocessed data
 * @param plansPerStage stage index to plan, indices 0..n-1
 * @param convPerStage convolutions per resolution
 * @param preprocessorName nnU-Net's preprocessor class, for readers of the file
 * @param datasetProperties the fingerprint the plans were made from
 */
@JsonIgnoreProperties(value = {"num_stages", "num_modalities", "num_classes"}, allowGetters = true)
public record Plans(
        @JsonProperty("modalities") Map<Integer, String> modalities,
        @JsonProperty("normalization_schemes") Map<Integer, NormalizationScheme> normalizationSchemes,
        @JsonProperty("use_mask_for_norm") Map<Integer, Boolean> useMaskForNorm,
        @JsonProperty("all_classes") List<Integer> allClasses,
        @JsonProperty("base_num_features") int baseNumFeatures,
        @JsonProperty("transpose_forward") int[] transposeForward,
        @JsonProperty("transpose_backward") int[] transposeBackward,
        @JsonProperty("data_identifier") String dataIdentifier,
        @JsonProperty("plans_per_stage") Map<Integer, StagePlan> plansPerStage,
        @JsonProperty("conv_per_stage") int convPerStage,
        @JsonProperty("preprocessor_name") String preprocessorName,
        @JsonProperty("dataset_properties") DatasetFingerprint datasetProperties) {

    public Plans {
        modalities = sorted(Objects.requireNonNull(modalities, "modalities"));
        normalizationSchemes = sorted(Objects.requireNonNull(normalizationSchemes, "normalization_schemes"));
        useMaskForNorm = sorted(Objects.requireNonNull(useMaskForNorm, "use_mask_for_norm"));
        allClasses = List.copyOf(allClasses);
        transposeForward = transposeForward.clone();
        transposeBackward = transposeBackward.clone();
        plansPerStage = sorted(Objects.requireNonNull(plansPerStage, "plans_per_stage"));
        if (plansPerStage.isEmpty() || plansPerStage.size() > 2) {
            throw new IllegalArgumentException("plans_per_stage needs 1 or 2 stages, got " + plansPerStage.size());
        }
        for (int i = 0; i < plansPerStage.size(); i++) {
            if (!plansPerStage.containsKey(i)) {
                throw new IllegalArgumentException("plans_per_stage must be numbered 0.." + (plansPerStage.size() - 1)
                        + ", got " + plansPerStage.keySet());
            }
        }
        for (int i = 0; i < 3; i++) {
            if (transposeBackward[transposeForward[i]] != i) {
                throw new IllegalArgumentException("transpose_backward " + Arrays.toString(transposeBackward)
                        + " is not the inverse of transpose_forward " + Arrays.toString(transposeForward));
            }
        }
        if (normalizationSchemes.size() != modalities.size() || useMaskForNorm.size() != modalities.size()) {
            throw new IllegalArgumentException("normalization_schemes and use_mask_for_norm need one entry per modality");
        }
    }

    private static <V> Map<Integer, V> sorted(Map<Integer, V> m) {
        return Collections.unmodifiableMap(new TreeMap<>(m));
    }

    @JsonProperty("num_stages")
    public int numStages() {
        return plansPerStage.size();
    }

    @JsonProperty("num_modalities")
    public int numModalities() {
        return modalities.size();
    }

    /** Number of foreground classes (nnU-Net's {@code num_classes}); the network outputs one more. */
    @JsonProperty("num_classes")
    public int numClasses() {
        return allClasses.size();
    }

    /** Stages in order, stage 0 first. */
    @JsonIgnore
    public List<StagePlan> stages() {
        return new ArrayList<>(plansPerStage.values());
    }

    public StagePlan stage(int index) {
        StagePlan s = plansPerStage.get(index);
        if (s == null) {
            throw new IllegalArgumentException("stage " + index + " is out of range: these plans have stages 0.."
                    + (numStages() - 1));
        }
        return s;
    }

    /** The stage a configuration trains on. */
    public StagePlan stage(Configuration configuration) {
        return stage(configuration.stageIndex(numStages()));
    }

    /** The configurations these plans support: 3d_fullres, plus 3d_lowres and 3d_cascade_fullres with two stages. */
    @JsonIgnore
    public List<Configuration> configurations() {
        return Arrays.stream(Configuration.values()).filter(c -> c.availableFor(numStages())).toList();
    }

    /** The same plans with other stages (stage 0 first). */
    public Plans withStages(List<StagePlan> stages) {
        Map<Integer, StagePlan> m = new TreeMap<>();
        for (int i = 0; i < stages.size(); i++) {
            m.put(i, stages.get(i));
        }
        return new Plans(modalities, normalizationSchemes, useMaskForNorm, allClasses, baseNumFeatures,
                transposeForward, transposeBackward, dataIdentifier, m, convPerStage, preprocessorName,
                datasetProperties);
    }

    /**
     * The same plans with another network width and another batch for {@code configuration}'s stage
     * (a time budget's thinner network, {@code NetworkScaling}); the patch stays as planned.
     */
    public Plans withNetwork(Configuration configuration, int baseFeatures, int batchSize) {
        int index = configuration.stageIndex(numStages());
        List<StagePlan> list = new java.util.ArrayList<>(stages());
        list.set(index, list.get(index).withBatchSize(batchSize));
        Plans restaged = withStages(list);
        return new Plans(modalities, normalizationSchemes, useMaskForNorm, allClasses, baseFeatures,
                transposeForward, transposeBackward, dataIdentifier, restaged.plansPerStage(), convPerStage,
                preprocessorName, datasetProperties);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Plans p && modalities.equals(p.modalities)
                && normalizationSchemes.equals(p.normalizationSchemes) && useMaskForNorm.equals(p.useMaskForNorm)
                && allClasses.equals(p.allClasses) && baseNumFeatures == p.baseNumFeatures
                && Arrays.equals(transposeForward, p.transposeForward)
                && Arrays.equals(transposeBackward, p.transposeBackward)
                && Objects.equals(dataIdentifier, p.dataIdentifier) && plansPerStage.equals(p.plansPerStage)
                && convPerStage == p.convPerStage && Objects.equals(preprocessorName, p.preprocessorName)
                && Objects.equals(datasetProperties, p.datasetProperties);
    }

    @Override
    public int hashCode() {
        return Objects.hash(modalities, normalizationSchemes, useMaskForNorm, allClasses, baseNumFeatures,
                Arrays.hashCode(transposeForward), Arrays.hashCode(transposeBackward), dataIdentifier, plansPerStage,
                convPerStage, preprocessorName, datasetProperties);
    }

    @Override
    public String toString() {
        return "Plans[" + numStages() + " stage(s) " + plansPerStage.values() + ", transpose "
                + Arrays.toString(transposeForward) + ", modalities " + modalities + ", classes " + allClasses + "]";
    }
}
