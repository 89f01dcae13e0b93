package dev.segfold.config.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.FieldNames;
import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.RunQuery;
import dev.segfold.contracts.spec.RunRequest;
import dev.segfold.contracts.spec.RunSpec;
import dev.segfold.contracts.spec.SpecProblem;
import dev.segfold.contracts.spec.Validated;
import dev.segfold.contracts.spec.paddleseg.PaddleSegConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** {@link SubmissionReader} on the contracts' spec package. */
@ApplicationScoped
public class SpecSubmissionReader implements SubmissionReader {

    /** The name YAML submissions carry in messages. */
    static final String YAML_SOURCE = "PaddleSeg YAML";

    @Override
    public Submission readJson(byte[] body) {
        JsonNode tree = JsonRunRequests.tree(body);
        RunRequest request = JsonRunRequests.request(tree);
        RunSpec spec = request.validate(FieldNames.JSON).orThrow("run request");
        return new Submission(spec, tree, List.of(), List.of(), List.of(), fold -> InterimSpecYaml.render(spec, fold));
    }

    @Override
    public Submission readYaml(byte[] body, Map<String, List<String>> query) {
        String text = utf8(body);
        PaddleSegConfig config = PaddleSegConfig.parse(YAML_SOURCE, text);
        Validated<RunRequest> fromQuery = RunQuery.read(RunQueryAliases.resolve(query));
        RunRequest request = InterimYamlMapping.complete(fromQuery.orThrow("query"), config);
        RunSpec spec = request.validate(FieldNames.JSON).orThrow(YAML_SOURCE);
        ObjectNode accepted = ContractJson.mapper().createObjectNode();
        accepted.put("contentType", "application/yaml");
        accepted.set("query", ContractJson.mapper().valueToTree(query));
        accepted.put("yaml", text);
        return new Submission(spec, accepted, List.of(), List.of(), List.of(),
                fold -> InterimYamlMapping.foldConfig(config, fold));
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
