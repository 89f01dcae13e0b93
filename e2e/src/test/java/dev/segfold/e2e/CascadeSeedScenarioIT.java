package dev.segfold.e2e;

import static dev.segfold.e2e.StatusEvents.indexOf;
import static dev.segfold.e2e.StatusEvents.lastIndexOf;
import static dev.segfold.e2e.StatusEvents.types;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.events.EnsemblePredicted;
import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.events.NextStagePredicted;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.events.SubmissionReady;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.DevStackConfig;
import dev.segfold.devstack.s3.NotificationFilter;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workflow of the seed notes, automated: the team's PaddleSeg cascade YAML
 * (../shared/examples/nnunet_fold0.yml) is posted as it is, with folds 0, 1, 3, 4 trained here and
 * fold 2 trained elsewhere and dropped into the run's layout with a plain S3 client. Nobody touches
 * anything after that: the low-res folds are evaluated and predict their validation cases for the
 * next stage, the cascade's five folds are requested, trained on those predictions and evaluated,
 * the test set goes through the low-res ensemble and then the cascade ensemble, and the package
 * holds the submission and both stages' fold bundles.
 */
class CascadeSeedScenarioIT {
    static final String DATASET = "E2eCascade";
    static final int ITERATIONS = 6;
    static final List<Integer> ALL_FOLDS = List.of(0, 1, 2, 3, 4);

    @TempDir
    Path tmp;

    @Test
    void seedYamlWithAnImportedLowresFoldEndsInACascadeSubmission() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path seedYaml = repository.resolve("../shared/examples/nnunet_fold0.yml").normalize();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(seedYaml),
                "the seed's YAML is not at " + seedYaml + " (../shared/examples): scenario skipped");
        DevStack stack = DevStack.start(DevStackConfig.forTests());
        try (stack; ServiceProcesses services = ServiceProcesses.start(repository, stack, tmp.resolve("services"))) {
            stack.setNotificationFilter("segfold-runs", NotificationFilter.suffix("checkpoint.json"));
            RunStorage storage = new RunStorage(stack);
            Path data = tmp.resolve("data");
            SyntheticDatasetGenerator.builder().trainingCases(10).optTestCases(2).optShape(16, 20, 16).optSeed(5)
                    .build().generate(data);
            storage.uploadDataset(DATASET, data);

            String runId = submitYaml(services.api(), services.bearer(), Files.readString(seedYaml));
            storage.trainElsewhereAndImport(runId, data, tmp.resolve("teammate"), Configuration.LOWRES_3D, 0, 2,
                    ITERATIONS);

            List<SegfoldEvent> events = StatusEvents.untilSubmission(stack.bootstrapServers(), runId,
                    Duration.ofMinutes(20), services);
            int ensemble = indexOf(events, e -> e instanceof EnsemblePredicted);
            int submission = indexOf(events, e -> e instanceof SubmissionReady);
            assertTrue(ensemble >= 0 && ensemble < submission, "ensemble before package: " + types(events));
            int firstStage1Request = indexOf(events, e -> e instanceof FoldTrainingRequested r && r.fold().stage() == 1);
            assertTrue(firstStage1Request >= 0, "stage 1 was requested: " + types(events));
            for (int fold : ALL_FOLDS) {
                int lowresEvaluated = indexOf(events, e -> e instanceof FoldEvaluated v && v.fold().stage() == 0
                        && v.fold().fold() == fold);
                int predicted = indexOf(events, e -> e instanceof NextStagePredicted n && n.fold().fold() == fold);
                assertTrue(lowresEvaluated >= 0 && lowresEvaluated < predicted && predicted < firstStage1Request,
                        "stage-0 fold " + fold + " evaluated, then its next-stage predictions, then stage 1 is "
                                + "requested: " + types(events));
                int requested = indexOf(events, e -> e instanceof FoldTrainingRequested r && r.fold().stage() == 1
                        && r.fold().fold() == fold);
                int trained = indexOf(events, e -> e instanceof FoldCheckpointed c && c.fold().stage() == 1
                        && c.fold().fold() == fold && c.finalCheckpoint());
                int evaluated = lastIndexOf(events, e -> e instanceof FoldEvaluated v && v.fold().stage() == 1
                        && v.fold().fold() == fold);
                assertTrue(requested >= 0 && requested < trained && trained < evaluated && evaluated < ensemble,
                        "stage-1 fold " + fold + " requested, trained, evaluated, then the ensemble: " + types(events));
                FoldTrainingRequested request = (FoldTrainingRequested) events.get(requested);
                assertEquals(Configuration.CASCADE_FULLRES_3D.id(), request.fold().configuration());
                assertEquals(RunLayout.of(runId).nextStagePrefix(Configuration.LOWRES_3D.id()),
                        request.previousStagePrefix(), "stage 1 trains on the low-res predictions");
            }
            assertEquals(-1, indexOf(events, e -> e instanceof FoldTrainingRequested r && r.fold().stage() == 0
                    && r.fold().fold() == 2), "the imported fold is not trained here");

            EnsemblePredicted ens = (EnsemblePredicted) events.get(ensemble);
            assertEquals(Configuration.CASCADE_FULLRES_3D.id(), ens.configuration(),
                    "the submission comes from the stage-1 ensemble");
            assertEquals(ALL_FOLDS, ens.folds().stream().sorted().toList());

            RunLayout run = RunLayout.of(runId);
            List<String> maps = storage.list(run.nextStagePrefix(Configuration.LOWRES_3D.id())).stream()
                    .filter(k -> k.endsWith(".npz")).toList();
            assertEquals(MsdDataset.open(data).trainingCaseIds().size(), maps.size(),
                    "one next-stage map per training case: " + maps);
            List<String> packaged = storage.list(run.packagePrefix());
            for (int fold : ALL_FOLDS) {
                assertTrue(packaged.contains(run.packagePrefix() + "fold" + fold + ".zip"), "stage-1 bundle of fold "
                        + fold + ": " + packaged);
                assertTrue(packaged.contains(run.packagePrefix() + Configuration.LOWRES_3D.id() + "/fold" + fold
                        + ".zip"), "stage-0 bundle of fold " + fold + ": " + packaged);
            }
            Path zip = storage.downloadTo(run.submission(), tmp.resolve("submission.zip"));
            RunStorage.checkSubmission(zip, MsdDataset.open(data));
        }
    }

    /** POSTs the YAML as it is; the query says what the YAML cannot (data set, folds, a CPU-sized network). */
    private static String submitYaml(URI api, String bearer, String yaml) throws Exception {
        String query = "dataset=" + DATASET + "&folds=0,1,3,4&importedFolds=2&iterations=" + ITERATIONS
                + "&cascadeIterations=" + ITERATIONS + "&saveInterval=" + ITERATIONS + "&logInterval=3&batchSize=2"
                + "&baseFeatures=4&maxPools=2&validationBatches=2";
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.resolve("/runs?" + query))
                .header("Content-Type", "application/yaml").header("Authorization", bearer).POST(HttpRequest.BodyPublishers.ofString(yaml))
                .timeout(Duration.ofMinutes(3)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        assertTrue(r.body().contains("3d_cascade_fullres"), "the seed YAML is a cascade run: " + r.body());
        String location = r.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

}
