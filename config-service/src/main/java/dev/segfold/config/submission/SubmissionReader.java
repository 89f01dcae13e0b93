package dev.segfold.config.submission;

import dev.segfold.contracts.spec.InvalidSpecException;
import java.util.List;
import java.util.Map;

/**
 * Turns the body (and, with YAML, the query) of {@code POST /runs} into a validated
 * {@link Submission}. Every rule lives in {@code dev.segfold.contracts.spec}; this is the seam
 * between that package and HTTP.
 */
public interface SubmissionReader {

    /**
     * Reads a JSON run request for the run that will be {@code runId} if it is accepted.
     *
     * @throws InvalidSpecException listing every problem, each naming its field
     */
    Submission readJson(byte[] body, String runId);

    /**
     * Reads a PaddleSeg MedicalSeg nnU-Net YAML with the query parameters that say what the YAML
     * cannot (data set, folds, imports); {@code runId} names the run in the mapped locations.
     *
     * @throws InvalidSpecException listing every problem, each naming its field or the document
     */
    Submission readYaml(byte[] body, Map<String, List<String>> query, String runId);
}
