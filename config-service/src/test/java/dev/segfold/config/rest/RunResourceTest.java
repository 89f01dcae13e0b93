package dev.segfold.config.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.config.projection.FoldState;
import dev.segfold.config.projection.FoldView;
import dev.segfold.config.projection.RunProjection;
import dev.segfold.config.projection.RunState;
import dev.segfold.config.projection.RunView;
import dev.segfold.contracts.access.ApiRole;
import dev.segfold.contracts.events.ClassDice;
import dev.segfold.contracts.events.FoldEvaluated;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldProgress;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.events.NextStagePredicted;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.spec.Precision;
import dev.segfold.contracts.spec.TrainingRecipe;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.contracts.topics.Service;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.auth.ApiKeys;
import dev.segfold.engine.hardware.NativeBf16;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.testing.ApiDevStackResource;
import dev.segfold.service.testing.InjectDevStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.RequestSpecBuilder;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The config-service against a real broker and S3 server (devstack): submissions, files, fold
 * requests, problem details, the projection (also rebuilt from the topic), SSE, cancel, submission.
 */
@QuarkusTest
@WithTestResource(ApiDevStackResource.class)
class RunResourceTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @InjectDevStack
    DevStack stack;

    /** The embedded stack's token issuer; every request here carries an admin token from it. */
    @InjectDevStack
    ApiKeys keys;

    private String adminToken;

    @BeforeEach
    void authenticate() {
        adminToken = keys.token("tester", ApiRole.ADMIN, Duration.ofMinutes(30));
        RestAssured.requestSpecification = new RequestSpecBuilder()
                .addHeader("Authorization", "Bearer " + adminToken).build();
    }

    @AfterEach
    void forget() {
        RestAssured.requestSpecification = null;
    }

    @Inject
    ObjectStore store;

    @Inject
    RunProjection projection;

    @TestHTTPResource("/runs")
    URL runsUrl;

    private String runs() {
        return store.buckets().runs();
    }

    private ExtractableResponse<Response> postJson(String body) {
        return given().contentType("application/json").body(body).when().post("/runs").then().extract();
    }

    private String acceptedJsonRun(int... folds) {
        StringBuilder list = new StringBuilder();
        for (int f : folds) {
            list.append(list.length() == 0 ? "" : ",").append(f);
        }
        ExtractableResponse<Response> r = postJson("{\"dataset\": \"" + TestData.dataset(store)
                + "\", \"configuration\": \"3d_fullres\", \"folds\": [" + list + "], \"iterations\": 20,"
                + " \"saveInterval\": 10, \"logInterval\": 5, \"network\": {\"baseFeatures\": 4, \"maxPools\": 2}}");
        assertEquals(202, r.statusCode(), r.asString());
        return r.path("runId");
    }

    @Test
    void seedYamlWithFourTrainedFoldsAndOneImportedIsPlannedWrittenAndRequested() throws Exception {
        String dataset = TestData.dataset(store);
        ExtractableResponse<Response> r = given().contentType("application/yaml").body(TestData.seedYaml().getBytes(StandardCharsets.UTF_8))
                .queryParam("dataset", dataset).queryParam("folds", "0,1,3,4").queryParam("import", "2")
                .when().post("/runs").then().extract();
        assertEquals(202, r.statusCode(), r.asString());
        String runId = r.path("runId");
        assertEquals("/runs/" + runId, URI.create(r.header("Location")).getPath());
        assertEquals(List.of(0, 1, 3, 4), r.path("folds"));
        assertEquals(List.of(2), r.path("importFolds"));
        List<String> mapped = r.path("pathMappings.field");
        assertTrue(mapped.contains("model.plan_path"), "path mappings reported: " + mapped);
        assertTrue(r.path("unknownKeys") instanceof List<?>, "unknown keys are listed");
        // The seed is the cascade's low-res stage; the small data set gets a forced low-res stage.
        assertEquals("3d_cascade_fullres", r.path("configuration"));
        assertEquals(true, r.path("forcedLowres"));

        RunLayout layout = RunLayout.of(runId);
        JsonNode runJson = ContractJson.mapper().readTree(store.get(runs(), layout.runJson()));
        assertEquals(runId, runJson.get("runId").asText());
        assertEquals(dataset, runJson.get("dataset").asText());
        assertEquals(r.path("configuration"), runJson.get("configuration").asText());
        assertEquals("[0,1,3,4]", runJson.get("folds").toString());
        assertEquals("[2]", runJson.get("importFolds").toString());
        assertTrue(runJson.get("evaluateEveryCheckpoint").isBoolean());
        assertTrue(runJson.get("request").get("yaml").asText().contains("MSDDataset"));
        assertTrue(store.exists(runs(), layout.plans()));
        assertTrue(store.exists(runs(), layout.prefix() + "splits.json"));
        String stage0 = runJson.get("stages").get(0).get("configuration").asText();
        assertEquals("3d_lowres", stage0);
        assertTrue(store.exists(runs(), layout.foldConfig("3d_cascade_fullres", 0)), "second-stage configs are written");
        String seed = TestData.seedYaml();
        for (int fold : new int[] {0, 1, 2, 3, 4}) {
            String yaml = new String(store.get(runs(), layout.foldConfig(stage0, fold)), StandardCharsets.UTF_8);
            assertTrue(yaml.contains("fold: " + fold), yaml);
            // Identical to the submission except the fold lines.
            assertEquals(seed.lines().filter(l -> !l.contains("fold:")).toList(),
                    yaml.lines().filter(l -> !l.contains("fold:")).toList());
        }

        List<ConsumerRecord<String, String>> requests =
                KafkaTopics.records(stack.bootstrapServers(), Topics.FOLD_REQUESTS, runId + "/", 4);
        Set<Integer> folds = new HashSet<>();
        Map<Integer, Integer> partitionOfFold = new TreeMap<>();
        for (ConsumerRecord<String, String> record : requests) {
            FoldTrainingRequested request = ContractJson.read(record.value(), FoldTrainingRequested.class);
            assertEquals(request.key(), record.key());
            partitionOfFold.put(request.fold().fold(), record.partition());
            assertEquals(0, request.fold().stage());
            assertEquals(layout.foldConfig(stage0, request.fold().fold()), request.configKey());
            assertEquals(layout.plans(), request.plansKey());
            folds.add(request.fold().fold());
        }
        assertEquals(Set.of(0, 1, 3, 4), folds);
        assertEquals(4, requests.size());
        // The trained folds on consecutive partitions, which round-robin hands to different trainers.
        List<Integer> partitions = List.copyOf(partitionOfFold.values());
        for (int i = 1; i < partitions.size(); i++) {
            assertEquals(partitions.get(0) + i, partitions.get(i), "partitions of folds 0,1,3,4: " + partitions);
        }

        // The projection hears the run's own RunAccepted.
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/" + runId).then().statusCode(200)
                .body("state", equalTo("ACCEPTED")).body("importFolds", equalTo(List.of(2))));
        given().get("/runs/" + runId + "/configs/nnunet_fold3.yml").then().statusCode(200)
                .body(containsString("fold: 3"));
        given().get("/runs/" + runId + "/configs/nnunet_foldX.yml").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("name"));
    }

    @Test
    void jsonRequestIsAccepted() throws Exception {
        String runId = acceptedJsonRun(0, 1);
        JsonNode runJson = ContractJson.mapper().readTree(store.get(runs(), RunLayout.of(runId).runJson()));
        assertEquals("3d_fullres", runJson.get("configuration").asText());
        assertEquals("[0,1]", runJson.get("folds").toString());
        assertEquals("[]", runJson.get("importFolds").toString());
        String yaml = new String(store.get(runs(), RunLayout.of(runId).foldConfig("3d_fullres", 1)), StandardCharsets.UTF_8);
        assertTrue(yaml.contains("fold: 1"), yaml);
        assertEquals(2, KafkaTopics.records(stack.bootstrapServers(), Topics.FOLD_REQUESTS, runId + "/", 2).size());
    }

    @Test
    void theRequestsSettingsAreAnsweredStoredSentAndShown() throws Exception {
        ExtractableResponse<Response> r = postJson("{\"dataset\": \"" + TestData.dataset(store)
                + "\", \"folds\": [2], \"iterations\": 40, \"precision\": \"bf16\", \"keepCheckpoints\": 1,"
                + " \"postprocessing\": false, \"recipe\": {\"learningRate\": 0.005},"
                + " \"network\": {\"baseFeatures\": 4, \"maxPools\": 2}}");
        assertEquals(202, r.statusCode(), r.asString());
        String runId = r.path("runId");
        assertEquals("bf16", r.path("precision.requested"));
        assertEquals("bf16", r.path("precision.resolved"));
        assertEquals(0.005f, ((Number) r.path("stagePlans[0].settings.recipe.learningRate")).floatValue());
        assertEquals(false, r.path("stagePlans[0].settings.postprocessing"));

        FoldSettings expected = new FoldSettings(40, 1000, 100, 1, 12345L, Precision.BF16,
                new TrainingRecipe(0.005, 0.9, 0.99, 3e-5, 12, null), false, false);
        JsonNode runJson = ContractJson.mapper().readTree(store.get(runs(), RunLayout.of(runId).runJson()));
        assertEquals(expected, ContractJson.mapper().convertValue(runJson.at("/stages/0/settings"), FoldSettings.class));
        assertEquals("bf16", runJson.at("/precision/resolved").asText());
        FoldTrainingRequested request = ContractJson.read(KafkaTopics.records(stack.bootstrapServers(),
                Topics.FOLD_REQUESTS, runId + "/", 1).get(0).value(), FoldTrainingRequested.class);
        assertEquals(expected, request.settings(), "the fold request carries the run's settings");
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/" + runId).then().statusCode(200)
                .body("stageViews[0].settings.precision", equalTo("bf16"))
                .body("stageViews[0].settings.recipe.learningRate", equalTo(0.005f)));

        // the same through the YAML: its learning_rate and a precision query parameter
        String yaml = TestData.seedYaml().replace("learning_rate: 0.01", "learning_rate: 0.005");
        ExtractableResponse<Response> y = given().contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8)).queryParam("dataset", TestData.dataset(store))
                .queryParam("configuration", "3d_lowres").queryParam("folds", "0").queryParam("precision", "fp32")
                .when().post("/runs").then().extract();
        assertEquals(202, y.statusCode(), y.asString());
        FoldTrainingRequested fromYaml = ContractJson.read(KafkaTopics.records(stack.bootstrapServers(),
                Topics.FOLD_REQUESTS, y.path("runId") + "/", 1).get(0).value(), FoldTrainingRequested.class);
        assertEquals(0.005, fromYaml.settings().recipe().learningRate());
        assertEquals(Precision.FP32, fromYaml.settings().precision());
    }

    @Test
    void precisionAutoIsDecidedAndTheReasonStored() throws Exception {
        String runId = acceptedJsonRun(3);
        JsonNode runJson = ContractJson.mapper().readTree(store.get(runs(), RunLayout.of(runId).runJson()));
        assertEquals("auto", runJson.at("/precision/requested").asText());
        String resolved = runJson.at("/precision/resolved").asText();
        assertTrue(resolved.equals("fp32") || resolved.equals("bf16"), resolved);
        assertEquals(resolved, runJson.at("/stages/0/settings/precision").asText());
        assertEquals(resolved.equals("bf16"), NativeBf16.detect().bf16(), "decided by this host's hardware");
        assertFalse(runJson.at("/precision/reason").asText().isBlank());
    }

    @Test
    void hostileYamlIsRefusedWithProblemDetailsNamingTheProblem() {
        String aliasBomb = """
                a: &a ["x","x","x","x","x","x","x","x","x"]
                b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
                c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
                d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]
                """;
        String deep = "iters: " + "[".repeat(500) + "]".repeat(500) + "\n";
        String javaTag = "iters: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://x/\"]]]]\n";
        String[][] cases = {{aliasBomb, "alias"}, {deep, "nest"}, {javaTag, "tag"}, {"iters: [unclosed\n", "yaml"}};
        for (String[] c : cases) {
            ExtractableResponse<Response> r = given().contentType("application/yaml").body(c[0].getBytes(StandardCharsets.UTF_8))
                    .queryParam("dataset", "Whatever").post("/runs").then().extract();
            assertEquals(400, r.statusCode(), r.asString());
            assertEquals("application/problem+json", r.contentType().split(";")[0]);
            assertEquals(400, (int) r.path("status"));
            assertEquals("/runs", r.path("instance"));
            assertTrue(((String) r.path("type")).startsWith("urn:segfold:problem:"));
            String reason = r.path("errors[0].reason");
            assertTrue(reason.toLowerCase().contains(c[1]), "reason names the problem (" + c[1] + "): " + reason);
            assertTrue(((String) r.path("detail")).contains(reason));
        }
    }

    @Test
    void unknownDatasetAndBadFoldsAreNamed() {
        given().contentType("application/json").body("{\"dataset\": \"NoSuchDataset\", \"folds\": [0]}")
                .post("/runs").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("dataset")).body("errors[0].reason", containsString("NoSuchDataset"));
        given().contentType("application/yaml").body(TestData.seedYaml().getBytes(StandardCharsets.UTF_8))
                .queryParam("dataset", TestData.dataset(store)).queryParam("folds", "0,7")
                .post("/runs").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem(startsWith("folds")));
        given().contentType("application/json").body("{\"dataset\": \"x\", \"iteratons\": 5}")
                .post("/runs").then().statusCode(400).body("errors[0].field", equalTo("iteratons"));
        given().get("/runs/no-such-run").then().statusCode(404).contentType("application/problem+json")
                .body("errors[0].field", equalTo("id"));
    }

    @Test
    void projectionShowsProgressAndARestartedProjectionShowsTheSame() throws Exception {
        String runId = acceptedJsonRun(0, 1);
        FoldProgress progress = new FoldProgress(new FoldId(runId, "3d_fullres", 0, 1), 12, 20, 0.75, null, 0.4,
                0.0095, 30, 20.0, Instant.now(), 1.5, 6.0);
        KafkaTopics.publishStatus(stack.bootstrapServers(), progress, Service.TRAINER);
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/" + runId).then().statusCode(200)
                .body("state", equalTo("RUNNING"))
                .body("foldViews.find { it.fold == 1 }.state", equalTo("TRAINING"))
                .body("foldViews.find { it.fold == 1 }.iteration", equalTo(12))
                .body("foldViews.find { it.fold == 1 }.trainLoss", equalTo(0.75f))
                .body("foldViews.find { it.fold == 1 }.etaSeconds", equalTo(20.0f))
                .body("foldViews.find { it.fold == 1 }.secondsPerIteration", equalTo(1.5f))
                .body("foldViews.find { it.fold == 1 }.samplesPerSecond", equalTo(6.0f))
                .body("foldViews.find { it.fold == 0 }.state", equalTo("REQUESTED")));

        RunView live = projection.run(runId).orElseThrow();
        RunProjection restarted = new RunProjection(1000);
        KafkaTopics.readFromBeginning(stack.bootstrapServers(), Topics.STATUS,
                record -> restarted.apply(ContractJson.read(record.value(), StatusEnvelope.class)),
                v -> restarted.run(runId).map(live::equals).orElse(false), WAIT);
        assertEquals(live, restarted.run(runId).orElseThrow());
        FoldView fold1 = restarted.run(runId).orElseThrow().foldViews().stream().filter(f -> f.fold() == 1)
                .findFirst().orElseThrow();
        assertEquals(FoldState.TRAINING, fold1.state());
    }

    @Test
    void cascadeRunShowsBothStagesAndWhatItWaitsFor() throws Exception {
        String dataset = TestData.dataset(store);
        ExtractableResponse<Response> r = given().contentType("application/yaml")
                .body(TestData.seedYaml().getBytes(StandardCharsets.UTF_8))
                .queryParam("dataset", dataset).queryParam("folds", "0,1,3,4").queryParam("import", "2")
                .when().post("/runs").then().extract();
        assertEquals(202, r.statusCode(), r.asString());
        String runId = r.path("runId");
        RunLayout layout = RunLayout.of(runId);
        JsonNode stage1 = ContractJson.mapper().readTree(store.get(runs(), layout.runJson())).get("stages").get(1);
        String cascade = stage1.get("configuration").asText();
        List<Integer> stage1Folds = new ArrayList<>();
        stage1.get("folds").forEach(f -> stage1Folds.add(f.asInt()));
        assertEquals(List.of(0, 1, 2, 3, 4), stage1Folds, "the seed's cascade trains every fold in stage 1");

        String importAt = runs() + "/" + layout.fold("3d_lowres", 2).prefix();
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/" + runId).then().statusCode(200)
                .body("state", equalTo("ACCEPTED"))
                .body("stageViews.size()", equalTo(2))
                .body("stageViews[1].configuration", equalTo(cascade))
                .body("stageViews[1].folds", equalTo(stage1Folds))
                .body("stageViews[1].foldViews.state", equalTo(List.of("WAITING", "WAITING", "WAITING", "WAITING",
                        "WAITING")))
                .body("stageViews[0].foldViews.find { it.fold == 2 }.state", equalTo("AWAITING_UPLOAD"))
                .body("waitingFor", equalTo(List.of("stage 0 folds [0, 1, 3, 4]: a trainer",
                        "stage 0 fold 2: checkpoint to be imported at " + importAt,
                        "stage 1 folds [0..4]: training, requested once every stage-0 fold's next-stage predictions"
                                + " are stored"))));

        // what the evaluator and the predictor would publish: stage 0 evaluated, three folds predicted
        for (int k = 0; k < 5; k++) {
            FoldId id = new FoldId(runId, "3d_lowres", 0, k);
            KafkaTopics.publishStatus(stack.bootstrapServers(), new FoldEvaluated(id, 20,
                    id.layout().checkpoint(20).manifest(), "c".repeat(64), List.of(new ClassDice(1, "a", 0.7)),
                    id.layout().validationSummary(), id.layout().postprocessing(), Instant.now()), Service.EVALUATOR);
        }
        for (int k : new int[] {0, 2, 4}) {
            KafkaTopics.publishStatus(stack.bootstrapServers(), new NextStagePredicted(new FoldId(runId, "3d_lowres", 0, k),
                    layout.nextStagePrefix("3d_lowres"), List.of("case_" + k), Instant.now()), Service.PREDICTOR);
        }
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/" + runId).then().statusCode(200)
                .body("state", equalTo("RUNNING"))
                .body("stageViews[0].foldViews.state", equalTo(List.of("NEXT_STAGE_PREDICTED", "EVALUATED",
                        "NEXT_STAGE_PREDICTED", "EVALUATED", "NEXT_STAGE_PREDICTED")))
                .body("stageViews[0].foldViews[0].meanDice", equalTo(0.7f))
                .body("waitingFor[0]", equalTo("stage 0 folds [1, 3]: next-stage predictions")));

        // the rest predicted, stage 1 requested (as the predictor does), one fold training
        for (int k : new int[] {1, 3}) {
            KafkaTopics.publishStatus(stack.bootstrapServers(), new NextStagePredicted(new FoldId(runId, "3d_lowres", 0, k),
                    layout.nextStagePrefix("3d_lowres"), List.of("case_" + k), Instant.now()), Service.PREDICTOR);
        }
        for (int k : stage1Folds) {
            KafkaTopics.publishStatus(stack.bootstrapServers(), new FoldTrainingRequested(
                    new FoldId(runId, cascade, 1, k), dataset, FoldSettings.of(30, 10, 5, 2, 1), layout.plans(),
                    layout.foldConfig(cascade, k), layout.nextStagePrefix("3d_lowres"), Instant.now()), Service.PREDICTOR);
        }
        KafkaTopics.publishStatus(stack.bootstrapServers(), new FoldProgress(new FoldId(runId, cascade, 1, 4), 15, 30,
                0.5, null, null, 0.01, 5, 12.0, Instant.now()), Service.TRAINER);
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/" + runId).then().statusCode(200)
                .body("stageViews[1].foldViews.find { it.fold == 4 }.state", equalTo("TRAINING"))
                .body("stageViews[1].foldViews.find { it.fold == 4 }.iteration", equalTo(15))
                .body("waitingFor", equalTo(List.of("stage 1 folds [0..3]: a trainer", "stage 1 fold 4: training"))));

        // a projection rebuilt from the topic shows the same
        RunView live = projection.run(runId).orElseThrow();
        RunProjection restarted = new RunProjection(1000, runs());
        KafkaTopics.readFromBeginning(stack.bootstrapServers(), Topics.STATUS,
                record -> restarted.apply(ContractJson.read(record.value(), StatusEnvelope.class)),
                v -> restarted.run(runId).map(live::equals).orElse(false), WAIT);
        assertEquals(live, restarted.run(runId).orElseThrow());
    }

    @Test
    void eventsStreamDeliversTheRunsStatusEvents() throws Exception {
        String runId = acceptedJsonRun(0);
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(runsUrl + "/" + runId + "/events"))
                .header("Accept", "text/event-stream").header("Authorization", "Bearer " + adminToken).build();
        HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        FoldProgress progress = new FoldProgress(new FoldId(runId, "3d_fullres", 0, 0), 5, 20, 0.9, null, null,
                0.0098, 3, 9.0, Instant.now());
        KafkaTopics.publishStatus(stack.bootstrapServers(), progress, Service.TRAINER);
        List<String> lines = new ArrayList<>();
        CompletableFuture<Boolean> seen = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    lines.add(line);
                    if (line.startsWith("data:") && line.contains(FoldProgress.TYPE) && line.contains("\"iteration\":5")) {
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(seen.get(WAIT.toSeconds(), TimeUnit.SECONDS), "SSE lines: " + lines);
        assertTrue(lines.contains("event:" + FoldProgress.TYPE) || lines.contains("event: " + FoldProgress.TYPE), lines.toString());
    }

    @Test
    void deleteWritesTheCancelMarkerAndCancelsTheRun() {
        String runId = acceptedJsonRun(0, 1);
        given().delete("/runs/" + runId).then().statusCode(202).body("cancelKey", equalTo(runId + "/cancel"));
        assertTrue(store.exists(runs(), runId + "/cancel"));
        assertTrue(new String(store.get(runs(), runId + "/cancel"), StandardCharsets.UTF_8).contains("\"tester\""),
                "the marker names who cancelled");
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/" + runId).then().statusCode(200)
                .body("state", equalTo(RunState.CANCELLED.name()))
                .body("foldViews[0].state", equalTo(FoldState.CANCELLED.name())));
    }

    @Test
    void submissionIsNotFoundThenStreamedByTheApiWithoutAnyUrl() throws Exception {
        String runId = acceptedJsonRun(0);
        given().get("/runs/" + runId + "/submission").then().statusCode(404)
                .contentType("application/problem+json").body("type", containsString("submission-not-ready"));
        byte[] zip = {0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        store.put(runs(), RunLayout.of(runId).submission(), zip, "application/zip");
        ExtractableResponse<Response> r = given().redirects().follow(false).get("/runs/" + runId + "/submission")
                .then().extract();
        assertEquals(200, r.statusCode(), "streamed by default, not redirected");
        assertEquals("application/zip", r.contentType());
        assertEquals(null, r.header("Location"));
        assertTrue(r.header("Content-Disposition").contains("submission.zip"), r.header("Content-Disposition"));
        assertArrayEquals(zip, r.asByteArray());
    }

    @Test
    void runJsonAndTheRunViewNameTheSubmitter() throws Exception {
        String runId = acceptedJsonRun(0);
        JsonNode runJson = ContractJson.mapper().readTree(store.get(runs(), RunLayout.of(runId).runJson()));
        assertEquals("tester", runJson.get("submittedBy").asText());
        await().atMost(WAIT).untilAsserted(() -> given().get("/runs/" + runId).then().statusCode(200)
                .body("submittedBy", equalTo("tester")));
    }
}
