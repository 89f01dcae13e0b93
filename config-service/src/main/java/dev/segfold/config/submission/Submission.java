package dev.segfold.config.submission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.contracts.spec.RunSpec;
import dev.segfold.contracts.spec.SpecProblem;
import dev.segfold.contracts.spec.paddleseg.PathMapping;
import java.util.List;

/**
 * A run submission that passed validation: the spec, the request as received (kept in
 * {@code run.json}), what the user must be told about it, and how to write each fold's config.
 *
 * @param spec         the validated run
 * @param request      the request as accepted: the JSON body, or the YAML text with its query
 * @param pathMappings paths of the author's file system and where Segfold looks instead
 * @param unknownKeys  YAML paths of keys Segfold does not know; reported, never used
 * @param warnings     keys read with a caveat
 * @param foldConfigs  writes the {@code nnunet_fold<k>.yml} of each fold
 */
public record Submission(RunSpec spec, JsonNode request, List<PathMapping> pathMappings, List<String> unknownKeys,
                         List<SpecProblem> warnings, FoldConfigSource foldConfigs) {

    /** Copies the lists. */
    public Submission {
        pathMappings = List.copyOf(pathMappings);
        unknownKeys = List.copyOf(unknownKeys);
        warnings = List.copyOf(warnings);
    }

    /** The same submission with the spec as accepted (precision decided). */
    public Submission withSpec(RunSpec accepted) {
        return new Submission(accepted, request, pathMappings, unknownKeys, warnings, foldConfigs);
    }

    /** The {@code nnunet_fold<k>.yml} of a fold of this submission's run. */
    public String foldConfig(dev.segfold.contracts.spec.Configuration configuration, int fold, int planStage) {
        return foldConfigs.config(spec, configuration, fold, planStage);
    }
}
