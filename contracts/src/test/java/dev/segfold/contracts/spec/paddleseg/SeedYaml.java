package dev.segfold.contracts.spec.paddleseg;

import dev.segfold.contracts.spec.FoldSelection;
import dev.segfold.contracts.spec.RunRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The seed config of the workflow Segfold replaces, and helpers to walk YAML trees. */
final class SeedYaml {

    static final String NAME = "nnunet_fold0.yml";

    private SeedYaml() {
    }

    static String text() {
        try (InputStream in = SeedYaml.class.getResourceAsStream("/" + NAME)) {
            if (in == null) {
                throw new IllegalStateException(NAME + " is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed workflow's query: folds 0, 1, 3, 4 trained here, fold 2 from the baseline. */
    static RunRequest seedQuery() {
        return RunRequest.builder().dataset("Task04_Hippocampus").folds(FoldSelection.of(0, 1, 3, 4))
                .importedFolds(FoldSelection.of(2)).build();
    }

    /** Every key path of a loaded tree: {@code model}, {@code model.stage}, {@code loss.types[0].type}. */
    static List<String> keyPaths(Object tree) {
        List<String> out = new ArrayList<>();
        walk("", tree, out);
        return out;
    }

    private static void walk(String path, Object node, List<String> out) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String child = path.isEmpty() ? String.valueOf(e.getKey()) : path + "." + e.getKey();
                out.add(child);
                walk(child, e.getValue(), out);
            }
        } else if (node instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(path + "[" + i + "]", list.get(i), out);
            }
        }
    }
}
