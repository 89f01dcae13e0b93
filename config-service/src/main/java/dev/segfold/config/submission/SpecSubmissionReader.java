package dev.segfold.config.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.Configuration;
import dev.segfold.contracts.spec.FieldNames;
import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.RunRequest;
import dev.segfold.contracts.spec.RunRequestJson;
import dev.segfold.contracts.spec.RunSpec;
import dev.segfold.contracts.spec.SpecProblem;
import dev.segfold.contracts.spec.paddleseg.FoldConfigWriter;
import dev.segfold.contracts.spec.paddleseg.PaddleSegConfig;
import dev.segfold.contracts.spec.paddleseg.PaddleSegYamlReader;
import dev.segfold.contracts.spec.paddleseg.YamlImport;
import dev.segfold.contracts.storage.Buckets;
import dev.segfold.service.storage.ObjectStoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@link SubmissionReader} on the contracts' spec package: {@link RunRequest} validation for JSON,
 * {@link PaddleSegYamlReader} for YAML, {@link FoldConfigWriter} for the per-fold configs (the
 * submitted YAML with only the fold changed; a clean PaddleSeg config for a JSON run, and for a
 * cascade's second stage, which the submitted first-stage YAML does not describe).
 */
@ApplicationScoped
public class SpecSubmissionReader implements SubmissionReader {

    /** The name YAML submissions carry in messages. */
    static final String YAML_SOURCE = "PaddleSeg YAML";

    private final PaddleSegYamlReader yamlReader;

    public SpecSubmissionReader(ObjectStoreConfig store) {
        ObjectStoreConfig.Buckets b = store.buckets();
        this.yamlReader = new PaddleSegYamlReader(new Buckets(b.datasets(), b.runs(), b.cache()));
    }

    @Override
    public Submission readJson(byte[] body, String runId) {
        RunRequest request = RunRequestJson.read(body).orThrow("run request");
        RunSpec spec = request.validate(FieldNames.JSON).orThrow("run request");
        return new Submission(spec, tree(body), List.of(), List.of(), List.of(),
                (accepted, configuration, fold, planStage) -> FoldConfigWriter.generate(accepted, configuration, fold,
                        planStage, runId));
    }

    @Override
    public Submission readYaml(byte[] body, Map<String, List<String>> query, String runId) {
        String text = utf8(body);
        YamlImport imported = yamlReader.validate(YAML_SOURCE, text, RunQueryAliases.resolve(query), runId)
                .orThrow(YAML_SOURCE);
        PaddleSegConfig config = PaddleSegConfig.parse(YAML_SOURCE, text);
        RunSpec spec = imported.spec();
        Configuration first = spec.stage0Configuration();
        ObjectNode accepted = ContractJson.mapper().createObjectNode();
        accepted.put("contentType", "application/yaml");
        accepted.set("query", ContractJson.mapper().valueToTree(query));
        accepted.put("yaml", text);
        return new Submission(spec, accepted, imported.mappings(), imported.unknownKeys(), imported.warnings(),
                (acceptedSpec, configuration, fold, planStage) -> configuration == first
                        ? FoldConfigWriter.forFold(config, fold)
                        : FoldConfigWriter.generate(acceptedSpec, configuration, fold, planStage, runId));
    }

    /** The body as received, for run.json; it was read successfully once already. */
    private static JsonNode tree(byte[] body) {
        try {
            return ContractJson.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a run request read once cannot be read again: " + e.getMessage(), e);
        }
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidSpecException(YAML_SOURCE, List.of(new SpecProblem("body", "the YAML is not UTF-8 text")));
        }
    }
}
