package dev.segfold.deployment.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.topics.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MinIO policies of the repository against {@link StorageNeeds}, and altered policies that
 * allow too much or too little.
 */
class MinioPolicyTest {

    @TempDir
    Path dir;

    @Test
    void theRepositoryPoliciesAllowExactlyWhatEachServiceNeeds() {
        Path policies = RepositoryRoot.find().resolve("deployment/minio/policies");
        List<Finding> findings = new ArrayList<>();
        for (Service service : Service.values()) {
            String user = "segfold-" + service.id().replace("-service", "");
            AccessRules.policy(policies.resolve(user + ".json"), Optional.of(service), findings);
        }
        AccessRules.policy(policies.resolve("segfold-user.json"), Optional.empty(), findings);
        assertEquals(List.of(), findings);
    }

    @Test
    void everythingAllowedIsReported() throws IOException {
        List<Finding> findings = check(Service.EVALUATOR, """
                {"Statement": [{"Effect": "Allow", "Action": ["s3:*"], "Resource": ["arn:aws:s3:::*"]},
                               {"Effect": "Allow", "Action": "admin:*", "Resource": "arn:aws:s3:::segfold-runs/*"}]}""");
        assertReported(findings, "arn:aws:s3:::* is not one of Segfold's buckets");
        assertReported(findings, "admin:* is not an object action");
        assertReported(findings, "missing: evaluator-service needs it");
    }

    @Test
    void aMissingNeedAndAnUnneededDeleteAreReported() throws IOException {
        String runsReadWrite = """
                {"Statement": [
                  {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": ["arn:aws:s3:::segfold-datasets", "arn:aws:s3:::segfold-runs", "arn:aws:s3:::segfold-cache"]},
                  {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": ["arn:aws:s3:::segfold-datasets/*", "arn:aws:s3:::segfold-runs/*", "arn:aws:s3:::segfold-cache/*"]},
                  {"Effect": "Allow", "Action": ["s3:PutObject"], "Resource": ["arn:aws:s3:::segfold-cache/*"]},
                  {"Effect": "Allow", "Action": ["s3:PutObject", "s3:DeleteObject"], "Resource": ["arn:aws:s3:::segfold-runs/*"]}]}""";
        assertEquals(List.of(), check(Service.TRAINER, runsReadWrite), "the trainer deletes (retention)");
        assertReported(check(Service.EVALUATOR, runsReadWrite), "s3:DeleteObject on segfold-runs");
        List<Finding> noDelete = check(Service.TRAINER, runsReadWrite.replace(", \"s3:DeleteObject\"", ""));
        assertReported(noDelete, "missing: trainer-service needs it (Retention deletes old checkpoints");
        List<Finding> person = new ArrayList<>();
        Path file = dir.resolve("segfold-user.json");
        Files.writeString(file, runsReadWrite);
        AccessRules.policy(file, Optional.empty(), person);
        assertReported(person, "may add data sets and imports but not delete");
    }

    private List<Finding> check(Service service, String json) throws IOException {
        Path file = dir.resolve("policy.json");
        Files.writeString(file, json);
        List<Finding> findings = new ArrayList<>();
        AccessRules.policy(file, Optional.of(service), findings);
        return findings;
    }

    private static void assertReported(List<Finding> findings, String text) {
        assertTrue(findings.stream().anyMatch(f -> f.toString().contains(text)), () -> "expected a finding with \""
                + text + "\", got:\n" + findings.stream().map(Finding::toString).collect(Collectors.joining("\n")));
    }
}
