package dev.segfold.engine.postprocess;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.engine.evaluation.NnUNetJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * postprocessing.json as nnU-Net v1 writes it (sorted keys, indent 4): {@code dc_per_class_raw},
 * {@code dc_per_class_pp_all}, {@code dc_per_class_pp_per_class}, {@code for_which_classes} (e.g.
 * {@code [[1, 2], 1]}), {@code min_valid_object_sizes} (the string "None": size thresholds of
 * nnU-Net's advanced mode are not supported), {@code num_samples}, {@code validation_raw},
 * {@code validation_final}. Reading needs only {@code for_which_classes}, so a file from nnU-Net
 * applies here too.
 */
public final class PostprocessingJson {
    private PostprocessingJson() {}

    /** The JSON tree (sorted maps) of a decision. */
    public static Map<String, Object> toTree(PostprocessingResult r) {
        Map<String, Object> root = new TreeMap<>();
        root.put("dc_per_class_raw", new TreeMap<>(r.dcPerClassRaw()));
        root.put("dc_per_class_pp_all", new TreeMap<>(r.dcPerClassPpAll()));
        root.put("dc_per_class_pp_per_class", new TreeMap<>(r.dcPerClassPpPerClass()));
        List<Object> groups = new ArrayList<>();
        for (LabelGroup g : r.plan().forWhichClasses()) {
            groups.add(g.toJsonValue());
        }
        root.put("for_which_classes", groups);
        root.put("min_valid_object_sizes", "None");
        root.put("num_samples", r.numSamples());
        root.put("validation_raw", r.validationRaw());
        root.put("validation_final", r.validationFinal());
        return root;
    }

    public static String toText(PostprocessingResult r) {
        return NnUNetJson.toText(toTree(r));
    }

    public static void write(Path file, PostprocessingResult r) {
        NnUNetJson.write(file, toTree(r));
    }

    /** The plan in a postprocessing.json; the exception names the file and the field at fault. */
    public static PostprocessingPlan read(Path file) {
        try {
            return fromTree(NnUNetJson.read(file));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** The plan in postprocessing.json text. */
    public static PostprocessingPlan parse(String text) {
        return fromTree(NnUNetJson.parse(text));
    }

    private static PostprocessingPlan fromTree(JsonNode root) {
        JsonNode list = root.get("for_which_classes");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException("field for_which_classes is missing or not a list");
        }
        JsonNode sizes = root.get("min_valid_object_sizes");
        if (sizes != null && !sizes.isNull() && !(sizes.isTextual() && sizes.textValue().equals("None"))) {
            throw new IllegalArgumentException("field min_valid_object_sizes is " + sizes
                    + "; only \"None\" is supported (nnU-Net's advanced postprocessing is not)");
        }
        List<LabelGroup> groups = new ArrayList<>();
        int i = 0;
        for (JsonNode entry : list) {
            String where = "for_which_classes[" + i++ + "]";
            if (entry.isIntegralNumber()) {
                groups.add(LabelGroup.of(entry.intValue()));
            } else if (entry.isArray()) {
                List<Integer> labels = new ArrayList<>();
                for (JsonNode l : entry) {
                    if (!l.isIntegralNumber()) {
                        throw new IllegalArgumentException(where + " holds a non-integer class " + l);
                    }
                    labels.add(l.intValue());
                }
                try {
                    groups.add(LabelGroup.joint(labels));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
            } else {
                throw new IllegalArgumentException(where + " is neither a class nor a list of classes: " + entry);
            }
        }
        return new PostprocessingPlan(groups);
    }
}
