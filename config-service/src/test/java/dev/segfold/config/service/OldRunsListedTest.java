package dev.segfold.config.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segfold.config.projection.StoredRunViews;
import dev.segfold.config.retry.FoldAttempts;
import dev.segfold.contracts.access.ApiRole;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.RunAccepted;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.contracts.topics.Service;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.devstack.auth.ApiKeys;
import dev.segfold.service.testing.ApiDevStackResource;
import dev.segfold.service.testing.InjectDevStack;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every run stays listed however old (issue 9), with the real broker and S3 server: before the
 * service starts, three runs are stored as the services store them (one completed, one whose fold
 * failed for good, one still open) and the status event of one of them is published and then
 * deleted from {@code segfold.status}, as its retention does after 7 days. The service that then
 * starts replays a topic without them and still lists all three, each in the state its objects show.
 */
@QuarkusTest
@WithTestResource(OldRunsListedTest.OldRuns.class)
class OldRunsListedTest {
    static final String COMPLETED = "r-20260101-000000-aaaaaa";
    static final String FAILED = "r-20260102-000000-bbbbbb";
    static final String OPEN = "r-20260103-000000-cccccc";

    @InjectDevStack
    ApiKeys keys;

    @BeforeEach
    void token() {
        RestAssured.requestSpecification = given().header("Authorization", "Bearer "
                + keys.token("tester", ApiRole.READ, Duration.ofMinutes(10)));
    }

    @Test
    void runsWhoseEventsAreGoneAreListedInTheStateTheirObjectsShow() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/runs").then().statusCode(200).body("runId", hasItem(OPEN)));
        var runs = given().get("/runs").then().statusCode(200).extract().jsonPath();
        List<String> ids = runs.getList("runId");
        assertEquals(List.of(OPEN, FAILED, COMPLETED), ids.stream().filter(List.of(OPEN, FAILED, COMPLETED)::contains)
                .toList(), "newest first");
        given().get("/runs/" + COMPLETED).then().statusCode(200).body("state", equalTo("COMPLETED"))
                .body("submission.key", equalTo(RunLayout.of(COMPLETED).submission()))
                .body("dataset", equalTo("Synthetic"));
        given().get("/runs/" + FAILED).then().statusCode(200).body("state", equalTo("FAILED"))
                .body("failure", containsString("stage 0 3d_fullres fold 1 failed for good with attempt 3"));
        given().get("/runs/" + OPEN).then().statusCode(200).body("state", equalTo("ACCEPTED"))
                .body("waitingFor", hasItem(StoredRunViews.NO_EVENTS)).body("submittedBy", equalTo("alice"));
    }

    /** The devstack, with the old runs stored and their events deleted before the service starts. */
    public static class OldRuns extends ApiDevStackResource {
        @Override
        public Map<String, String> start() {
            Map<String, String> config = new HashMap<>(super.start());
            DevStack stack = stack();
            try {
                MinioClient s3 = MinioClient.builder().endpoint(stack.s3Endpoint().toString())
                        .credentials(stack.accessKey(), stack.secretKey()).region(stack.region()).build();
                for (String run : List.of(COMPLETED, FAILED, OPEN)) {
                    put(s3, RunLayout.of(run).runJson(), ("{\"runId\":\"" + run + "\",\"dataset\":\"Synthetic\","
                            + "\"configuration\":\"3d_fullres\",\"folds\":[0,1],\"importFolds\":[],\"iterations\":10,"
                            + "\"acceptedAt\":\"2026-01-0" + (run.charAt(9)) + "T00:00:00Z\",\"submittedBy\":\"alice\","
                            + "\"stages\":[{\"stage\":0,\"configuration\":\"3d_fullres\",\"folds\":[0,1],"
                            + "\"importFolds\":[],\"iterations\":10}]}").getBytes(StandardCharsets.UTF_8));
                }
                put(s3, RunLayout.of(COMPLETED).submission(), new byte[] {0x50, 0x4b, 0x05, 0x06});
                FoldId fold = new FoldId(FAILED, "3d_fullres", 0, 1);
                Instant t = Instant.parse("2026-01-02T01:00:00Z");
                put(s3, FoldAttempts.key(fold), ContractJson.write(FoldAttempts.first(fold, t).retried(3, t)
                        .gaveUp(3, t)));
                deleteAfterPublishing(stack.bootstrapServers(), new RunAccepted(OPEN, "Synthetic",
                        List.of("3d_fullres"), List.of(0, 1), List.of(), 10, RunLayout.of(OPEN).runJson(),
                        RunLayout.of(OPEN).plans(), Instant.parse("2026-01-03T00:00:00Z")));
            } catch (Exception e) {
                throw new IllegalStateException("old runs not prepared: " + e.getMessage(), e);
            }
            return config;
        }

        private static void put(MinioClient s3, String key, byte[] content) throws Exception {
            s3.putObject(PutObjectArgs.builder().bucket("segfold-runs").object(key)
                    .stream(new ByteArrayInputStream(content), content.length, -1).build());
        }

        /** Publishes the event, then deletes every record of segfold.status, as retention would. */
        private static void deleteAfterPublishing(String bootstrap, RunAccepted event) throws Exception {
            Properties p = new Properties();
            p.put("bootstrap.servers", bootstrap);
            p.put("key.serializer", StringSerializer.class.getName());
            p.put("value.serializer", StringSerializer.class.getName());
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
                producer.send(new ProducerRecord<>(Topics.STATUS, event.key(),
                        ContractJson.writeString(StatusEnvelope.of(event, Service.CONFIG)))).get();
            }
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(Topics.STATUS)).allTopicNames().get().get(Topics.STATUS).partitions()
                        .forEach(i -> latest.put(new TopicPartition(Topics.STATUS, i.partition()), OffsetSpec.latest()));
                Map<TopicPartition, RecordsToDelete> delete = new HashMap<>();
                long total = 0;
                for (var e : admin.listOffsets(latest).all().get().entrySet()) {
                    delete.put(e.getKey(), RecordsToDelete.beforeOffset(e.getValue().offset()));
                    total += e.getValue().offset();
                }
                if (total != 1) {
                    throw new IllegalStateException("expected the one published event on " + Topics.STATUS + ", found "
                            + total);
                }
                admin.deleteRecords(delete).all().get();
            }
        }
    }
}
