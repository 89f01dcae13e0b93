package dev.segfold.config.viewer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.config.rest.TestData;
import dev.segfold.contracts.access.ApiRole;
import dev.segfold.contracts.storage.DatasetLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.devstack.auth.ApiKeys;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.testing.ApiDevStackResource;
import dev.segfold.service.testing.InjectDevStack;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /runs/{id}/results} and {@code GET /runs/{id}/volumes/{case}/{volume}} against the
 * devstack's S3 server: each volume is the stored object byte for byte, from the run's prefix or
 * its data set's; a case id that tries to leave its prefix is a 400 naming the field; a volume
 * that does not exist is a 404 saying which cases have one.
 */
@QuarkusTest
@WithTestResource(ApiDevStackResource.class)
class VolumeResourceTest {
    @InjectDevStack
    ApiKeys keys;

    @Inject
    ObjectStore store;

    private String token;
    private String runId;
    private String dataset;
    private String testCase;
    private String trainingCase;

    @BeforeEach
    void aRunWithAnEnsembleAndAnEvaluatedFold() {
        token = keys.token("rita", ApiRole.READ, Duration.ofMinutes(10));
        dataset = TestData.dataset(store);
        testCase = firstCase(DatasetLayout.of(dataset).imagesTsPrefix());
        trainingCase = firstCase(DatasetLayout.of(dataset).labelsTrPrefix());
        runId = "r-volumes-" + Long.toHexString(System.nanoTime());
        RunLayout run = RunLayout.of(runId);
        put(run.runJson(), ("{\"runId\": \"" + runId + "\", \"dataset\": \"" + dataset + "\", \"configuration\": \"3d_fullres\","
                + " \"stages\": [{\"stage\": 0, \"configuration\": \"3d_fullres\", \"folds\": [0, 1], \"importFolds\": []}]}"));
        put(run.ensemble(testCase), "ensemble of " + testCase);
        put(run.fold("3d_fullres", 1).validationPrediction(trainingCase), "prediction of " + trainingCase);
        put(run.fold("3d_fullres", 1).validationSummary(), "{\"results\": {\"all\": [{\"0\": {\"Dice\": 0.99},"
                + " \"1\": {\"Dice\": 0.75}, \"2\": {\"Dice\": NaN}, \"test\": \"/tmp/x/" + trainingCase + ".nii.gz\"}],"
                + " \"mean\": {\"2\": {\"Dice\": NaN}}}}");
        put(run.fold("3d_fullres", 1).postprocessing(), "{\"for_which_classes\": [[1, 2], 1], \"dc_per_class_raw\": {\"2\": NaN}}");
    }

    @Test
    void resultsListTheCasesTheirDiceAndThePostprocessingChoice() {
        ExtractableResponse<Response> r = get("/runs/" + runId + "/results");
        assertEquals(200, r.statusCode(), r.asString());
        assertEquals(List.of(testCase), r.path("testCases"));
        assertEquals(trainingCase, r.path("validationCases[0].caseId"));
        assertEquals(1, r.<Integer>path("validationCases[0].fold"));
        // summary.json as nnU-Net writes it: label 2 is in neither the reference nor the prediction (bare NaN)
        Map<String, Float> dice = new HashMap<>();
        dice.put("1", 0.75f);
        dice.put("2", null);
        assertEquals(dice, r.path("validationCases[0].dice"), "foreground labels only, the undefined Dice null");
        assertEquals(1, r.<Integer>path("postprocessing[0].fold"));
        assertEquals(1, r.<Integer>path("postprocessing[0].choice.for_which_classes[1]"));
        assertEquals("Anterior", r.path("labels.'1'"), r.asString());
    }

    @Test
    void everyVolumeIsTheStoredObject() {
        assertVolume(testCase, "image.nii.gz", store.get(store.buckets().datasets(), DatasetLayout.of(dataset).testImage(testCase)));
        assertVolume(testCase, "ensemble.nii.gz", ("ensemble of " + testCase).getBytes(StandardCharsets.UTF_8));
        assertVolume(trainingCase, "image.nii.gz",
                store.get(store.buckets().datasets(), DatasetLayout.of(dataset).trainingImage(trainingCase)));
        assertVolume(trainingCase, "label.nii.gz",
                store.get(store.buckets().datasets(), DatasetLayout.of(dataset).trainingLabel(trainingCase)));
        assertVolume(trainingCase, "prediction.nii.gz", ("prediction of " + trainingCase).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCaseIdCannotLeaveItsPrefix() {
        for (String attempt : List.of("..", "..%2F..%2Frun.json", "a..b", "%2E%2E", "x%5C..%5Cy", ".hidden", "a%00b")) {
            ExtractableResponse<Response> r = given().urlEncodingEnabled(false).header("Authorization", "Bearer " + token)
                    .get("/runs/" + runId + "/volumes/" + attempt + "/image.nii.gz").then().extract();
            assertTrue(r.statusCode() == 400 || r.statusCode() == 404, attempt + ": " + r.statusCode() + " " + r.asString());
            if (r.statusCode() == 400) {
                assertEquals("case", r.path("errors[0].field"), attempt + ": " + r.asString());
            }
            assertTrue(!r.asString().contains("\"runId\": \"" + runId) && !r.contentType().startsWith("application/gzip"),
                    attempt + " read nothing: " + r.asString());
        }
        ExtractableResponse<Response> bad = get("/runs/" + runId + "/volumes/a..b/image.nii.gz");
        assertEquals(400, bad.statusCode(), bad.asString());
        assertEquals("case", bad.path("errors[0].field"));
        ExtractableResponse<Response> kind = get("/runs/" + runId + "/volumes/" + testCase + "/run.json");
        assertEquals(400, kind.statusCode(), kind.asString());
        assertEquals("volume", kind.path("errors[0].field"));
    }

    @Test
    void aMissingVolumeIsA404SayingWhichCasesHaveOne() {
        ExtractableResponse<Response> r = get("/runs/" + runId + "/volumes/" + trainingCase + "/ensemble.nii.gz");
        assertEquals(404, r.statusCode(), r.asString());
        assertEquals("urn:segfold:problem:volume-not-found", r.path("type"));
        assertTrue(r.<String>path("detail").contains("only test cases"), r.asString());
        assertEquals(404, get("/runs/r-no-such-run/results").statusCode());
    }

    private void assertVolume(String caseId, String volume, byte[] expected) {
        ExtractableResponse<Response> r = get("/runs/" + runId + "/volumes/" + caseId + "/" + volume);
        assertEquals(200, r.statusCode(), caseId + "/" + volume + ": " + r.asString());
        assertEquals("application/gzip", r.contentType());
        assertEquals("private, no-store", r.header("Cache-Control"));
        assertArrayEquals(expected, r.asByteArray(), caseId + "/" + volume);
    }

    private ExtractableResponse<Response> get(String path) {
        return given().header("Authorization", "Bearer " + token).get(path).then().extract();
    }

    private void put(String key, String content) {
        store.put(store.buckets().runs(), key, content.getBytes(StandardCharsets.UTF_8), "application/octet-stream");
    }

    private String firstCase(String prefix) {
        return store.list(store.buckets().datasets(), prefix).stream()
                .map(k -> k.substring(prefix.length()).replace(RunLayout.NIFTI, "")).sorted().findFirst().orElseThrow();
    }
}
