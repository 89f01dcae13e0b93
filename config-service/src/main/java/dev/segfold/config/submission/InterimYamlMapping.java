package dev.segfold.config.submission;

import dev.segfold.contracts.spec.RunRequest;
import dev.segfold.contracts.spec.FoldSelection;
import dev.segfold.contracts.spec.paddleseg.PaddleSegConfig;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stand-in for the contracts' PaddleSeg YAML reader and fold-config writer until they exist: takes
 * only {@code iters}, {@code model.cascade}/{@code model.stage} and {@code train_dataset.fold}, and
 * rewrites the {@code fold:} lines. Replaced by {@code PaddleSegYamlReader}/{@code FoldConfigWriter}.
 */
final class InterimYamlMapping {

    private static final Pattern FOLD_LINE = Pattern.compile("(?m)^(\\s+fold:\\s*)\\d+");

    private InterimYamlMapping() {
    }

    /** The query's request completed by what the YAML says where the query is silent. */
    static RunRequest complete(RunRequest query, PaddleSegConfig config) {
        RunRequest.Builder b = query.toBuilder();
        Map<Object, Object> root = config.root();
        if (query.iterations() == null && root.get("iters") instanceof Integer iters) {
            b.iterations(iters);
        }
        if (query.configuration() == null && root.get("model") instanceof Map<?, ?> model) {
            boolean cascade = Boolean.TRUE.equals(model.get("cascade"));
            Object stage = model.get("stage");
            b.configuration(!cascade ? "3d_fullres" : Integer.valueOf(1).equals(stage) ? "3d_cascade_fullres" : "3d_lowres");
        }
        if (query.folds() == null && root.get("train_dataset") instanceof Map<?, ?> train
                && train.get("fold") instanceof Integer fold) {
            b.folds(FoldSelection.of(fold));
        }
        return b.build();
    }

    /** The document with every {@code fold:} value replaced. */
    static String foldConfig(PaddleSegConfig config, int fold) {
        return FOLD_LINE.matcher(config.text()).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + fold));
    }
}
