package dev.segfold.trainer.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.cache.CacheManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.events.FoldCheckpointed;
import dev.segfold.contracts.events.FoldFailed;
import dev.segfold.contracts.events.FoldId;
import dev.segfold.contracts.events.FoldPreprocessed;
import dev.segfold.contracts.events.FoldTrainingRequested;
import dev.segfold.contracts.spec.FoldSettings;
import dev.segfold.contracts.events.PreprocessingSource;
import dev.segfold.contracts.events.SegfoldEvent;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.status.StatusEnvelope;
import dev.segfold.contracts.storage.CacheLayout;
import dev.segfold.contracts.storage.DatasetLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.contracts.storage.notification.StorageNotification;
import dev.segfold.contracts.storage.notification.StorageRecord;
import dev.segfold.contracts.topics.Topics;
import dev.segfold.devstack.DevStack;
import dev.segfold.engine.dataset.CaseFiles;
import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.nifti.NiftiImage;
import dev.segfold.engine.nifti.NiftiReader;
import dev.segfold.engine.nifti.NiftiWriter;
import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.plan.PlansJson;
import dev.segfold.engine.split.KFoldSplitter;
import dev.segfold.engine.split.SplitFile;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import dev.segfold.engine.workflow.DatasetDigest;
import dev.segfold.engine.workflow.ExperimentContext;
import dev.segfold.engine.workflow.ExperimentPlanning;
import dev.segfold.engine.workflow.PreprocessingReport;
import dev.segfold.engine.workflow.StagePreprocessing;
import dev.segfold.service.cache.CacheEntries;
import dev.segfold.service.cache.SharedPreprocessingCache;
import dev.segfold.service.checkpoint.StoredCheckpoints;
import dev.segfold.service.storage.ObjectStore;
import dev.segfold.service.testing.DevStackResource;
import dev.segfold.service.testing.InjectDevStack;
import dev.segfold.service.workspace.LocalFolders;
import dev.segfold.service.workspace.RunWorkspaces;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The preprocessed-data cache in {@code segfold-cache}, against the devstack's real broker and S3
 * server: runs of the trainer requested over Kafka, and the service-common cache as another machine
 * (another work folder) would use it. Each trainer run trains 2 iterations of a base-4 network, so
 * what is measured is the preprocessing, not the training.
 */
@QuarkusTest
@WithTestResource(DevStackResource.class)
@WithTestResource(FreshWorkDir.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PreprocessedCacheTest {
    static final String DATASET = "CacheSynthetic";
    static final String CONFIGURATION = "3d_fullres";
    static final int CASES = 6;
    static final Duration TIMEOUT = Duration.ofSeconds(150);
    static final List<String> LOG = new CopyOnWriteArrayList<>();

    static Path data;
    static Plans plans;
    static String plansJson;
    static String splitsJson;
    static String cacheKey;
    static TopicLog status;
    static TopicLog storage;
    static KafkaProducer<String, String> producer;
    static Handler logTap;

    @InjectDevStack
    DevStack stack;

    @Inject
    ObjectStore store;

    @Inject
    RunWorkspaces workspaces;

    @Inject
    SharedPreprocessingCache cache;

    @BeforeEach
    void uploadDatasetOnce() throws IOException {
        if (plansJson != null) {
            return;
        }
        data = Files.createTempDirectory("cache-test-data");
        SyntheticDatasetGenerator.builder().trainingCases(CASES).optShape(16, 20, 16).optSeed(13).optName(DATASET)
                .build().generate(data);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                upload(file);
            }
        }
        MsdDataset dataset = MsdDataset.open(data);
        plans = ExperimentPlanning.plan(dataset, PlanOverrides.NONE.withBaseNumFeatures(4).withBatchSize(2)
                .withMaxNumPool(2));
        plansJson = PlansJson.toJson(plans);
        splitsJson = SplitFile.toJson(KFoldSplitter.split(dataset.trainingCaseIds(), KFoldSplitter.DEFAULT_FOLDS));
        // The key as the trainer must derive it, computed here from the test's own copy of the bytes.
        cacheKey = CacheLayout.of(DatasetDigest.of(dataset), DatasetDigest.ofPlans(plans)).entryPrefix(CONFIGURATION);
        status = new TopicLog(stack.bootstrapServers(), Topics.STATUS);
        storage = new TopicLog(stack.bootstrapServers(), stack.notificationTopic());
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        logTap = new Handler() {
            @Override
            public void publish(LogRecord record) {
                LOG.add(record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger.getLogger(SharedPreprocessingCache.class.getName()).addHandler(logTap);
    }

    @AfterAll
    static void closeClients() {
        if (logTap != null) {
            java.util.logging.Logger.getLogger(SharedPreprocessingCache.class.getName()).removeHandler(logTap);
        }
        for (AutoCloseable c : new AutoCloseable[] {status, storage, producer}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    // the broker goes down with the test resource anyway
                }
            }
        }
    }

    @Test
    @Order(1)
    void theFirstRunIsAMissThatComputesAndUploadsTheEntryManifestLast() {
        FoldPreprocessed first = train("cache-run-1", 0);
        assertFalse(first.cacheHit());
        assertEquals(PreprocessingSource.COMPUTED, first.source());
        assertEquals(cacheKey, first.cacheKey(), "keyed by the digests of the data set's bytes and of the plans");
        assertEquals(CASES, first.cases());
        assertEquals(CASES, first.computedCases(), "every training case of the data set, not only the fold's");
        assertTrue(first.note().contains("no complete entry"), first.note());
        assertTrue(logged("cache miss " + store.buckets().cache() + "/" + cacheKey), LOG.toString());

        // Every case file was created before the manifest, and the manifest asserts the stored bytes.
        Map<String, BigInteger> created = created(cacheKey);
        assertEquals(2 * CASES + 1, created.size(), created.keySet().toString());
        BigInteger manifest = created.get(CacheLayout.MANIFEST);
        assertNotNull(manifest, created.keySet().toString());
        created.forEach((name, seq) -> assertTrue(name.equals(CacheLayout.MANIFEST) || seq.compareTo(manifest) < 0,
                name + " must be created before the manifest"));
        CacheManifest m = bucketManifest();
        assertEquals(CASES, m.caseIds().size());
        for (ManifestFile f : m.files()) {
            byte[] bytes = store.get(store.buckets().cache(), m.fileKey(f));
            assertEquals(f.size(), bytes.length, f.name());
            assertEquals(f.sha256(), StoredCheckpoints.sha256(bytes), f.name());
        }
    }

    @Test
    @Order(2)
    void aSecondRunOnTheSameDataAndPlansIsAHitAndPreprocessesNothing() throws IOException {
        Path local = cache.localStore().folder(cacheKeyOf());
        Map<String, FileTime> before = modified(local);
        long cacheWritesBefore = creations(cacheKey);
        LOG.clear();

        FoldPreprocessed second = train("cache-run-2", 1);
        assertTrue(second.cacheHit());
        assertEquals(PreprocessingSource.LOCAL, second.source());
        assertEquals(cacheKey, second.cacheKey());
        assertEquals(0, second.computedCases(), "no case preprocessed again");
        assertEquals(CASES, second.cases());
        assertTrue(logged("cache hit " + store.buckets().cache() + "/" + cacheKey), LOG.toString());
        // No local preprocessing work: the machine's cache folder is untouched, the run has no cache of
        // its own, and nothing was uploaded.
        assertEquals(before, modified(local), "no file of the local entry was written again");
        assertFalse(Files.exists(workspaces.runLayout("cache-run-2").cache()), "no per-run preprocessing folder");
        assertEquals(cacheWritesBefore, creations(cacheKey), "nothing uploaded on a hit");
    }

    @Test
    @Order(3)
    void aMachineWithoutTheEntryDownloadsAndChecksIt() throws IOException {
        // The trainer itself, its machine's cache gone: it downloads instead of preprocessing.
        LocalFolders.deleteTree(cache.localStore().folder(cacheKeyOf()));
        long cacheWritesBefore = creations(cacheKey);
        FoldPreprocessed third = train("cache-run-3", 2);
        assertTrue(third.cacheHit());
        assertEquals(PreprocessingSource.DOWNLOADED, third.source());
        assertEquals(0, third.computedCases());
        assertEquals(bucketManifest().totalBytes(), third.bytes());
        assertEquals(cacheWritesBefore, creations(cacheKey), "a download uploads nothing");

        // Another work folder, as an evaluator or predictor on another machine opens the run.
        Path otherMachine = Files.createTempDirectory("cache-test-other-machine");
        SharedPreprocessingCache other = new SharedPreprocessingCache(store, otherMachine, true, "other-machine");
        StagePreprocessing stage = experiment("cache-run-3", other, plans).preprocessing(Configuration.FULLRES_3D);
        stage.trainingCases(stage.caseIds());
        PreprocessingReport report = stage.report().orElseThrow();
        assertEquals(PreprocessingReport.Source.DOWNLOADED, report.source());
        assertEquals(0, stage.computedCases());
        CacheManifest m = bucketManifest();
        for (ManifestFile f : m.files()) {
            assertEquals(f.sha256(), StoredCheckpoints.sha256(other.localStore().folder(cacheKeyOf()).resolve(f.name())),
                    f.name());
        }
        LocalFolders.deleteTree(otherMachine);
    }

    @Test
    @Order(4)
    void aCorruptedCacheObjectIsRejectedNeverUsedAndRepaired() throws IOException {
        CacheManifest m = bucketManifest();
        ManifestFile victim = m.files().stream().filter(f -> f.name().endsWith(".bin")).findFirst().orElseThrow();
        String victimKey = m.fileKey(victim);
        byte[] bytes = store.get(store.buckets().cache(), victimKey);
        bytes[bytes.length / 2] ^= 0x10; // same size: only the digest can tell
        store.put(store.buckets().cache(), victimKey, bytes, "application/octet-stream");
        LocalFolders.deleteTree(cache.localStore().folder(cacheKeyOf()));

        FoldPreprocessed fourth = train("cache-run-4", 3);
        assertFalse(fourth.cacheHit(), "a corrupted entry is a miss");
        assertEquals(PreprocessingSource.COMPUTED, fourth.source());
        assertEquals(CASES, fourth.computedCases(), "the trainer preprocessed instead of using the download");
        assertTrue(fourth.note().contains("entry rejected") && fourth.note().contains(victimKey)
                && fourth.note().contains("SHA-256"), fourth.note());
        assertEquals(victim.sha256(), StoredCheckpoints.sha256(store.get(store.buckets().cache(), victimKey)),
                "the object is rewritten with the bytes its manifest lists");
        assertTrue(bucketManifest().sameContent(m), "the recomputed entry is the same as before the damage");
    }

    @Test
    @Order(5)
    void aDamagedManifestOrAnEntryWithoutManifestIsAMissAndNeverRead() throws IOException {
        String manifestKey = CacheLayout.of(cacheKeyOf().datasetDigest(), cacheKeyOf().plansDigest())
                .manifest(CONFIGURATION);
        CacheManifest good = bucketManifest();

        store.put(store.buckets().cache(), manifestKey, "{\"format\": 1, \"caseIds\": [".getBytes(StandardCharsets.UTF_8),
                "application/json");
        PreprocessingReport damaged = fillOnAnotherMachine("damaged-manifest");
        assertEquals(PreprocessingReport.Source.COMPUTED, damaged.source());
        assertTrue(damaged.note().contains(manifestKey) && damaged.note().contains("not a valid cache manifest"),
                damaged.note());
        assertTrue(bucketManifest().sameContent(good), "the manifest is written again, valid");

        // Case files without a manifest: an upload cut short. Never read, computed again.
        store.remove(store.buckets().cache(), manifestKey);
        PreprocessingReport partial = fillOnAnotherMachine("partial-entry");
        assertEquals(PreprocessingReport.Source.COMPUTED, partial.source());
        assertTrue(partial.note().contains("no complete entry"), partial.note());
        assertTrue(bucketManifest().sameContent(good));
    }

    @Test
    @Order(6)
    void twoMachinesRacingOnAMissBothComputeTheSameEntry() throws Exception {
        // Other plans, so a key nobody has computed yet.
        Plans otherPlans = ExperimentPlanning.plan(MsdDataset.open(data), PlanOverrides.NONE.withBaseNumFeatures(6)
                .withBatchSize(2).withMaxNumPool(2));
        List<Path> machines = List.of(Files.createTempDirectory("cache-race-a"), Files.createTempDirectory("cache-race-b"));
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<StagePreprocessing> stages = new ArrayList<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Path machine : machines) {
                SharedPreprocessingCache c = new SharedPreprocessingCache(store, machine, true, machine.getFileName()
                        .toString());
                StagePreprocessing stage = experiment("cache-run-1", c, otherPlans)
                        .preprocessing(Configuration.FULLRES_3D);
                stages.add(stage);
                done.add(pool.submit(() -> {
                    start.await();
                    return stage.trainingCases(stage.caseIds());
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(stages.stream().anyMatch(s -> s.report().orElseThrow().source()
                == PreprocessingReport.Source.COMPUTED), "somebody computed");
        String key = CacheLayout.of(stages.get(0).cacheKey().datasetDigest(), stages.get(0).cacheKey().plansDigest())
                .manifest(CONFIGURATION);
        CacheManifest stored = ContractJson.read(store.get(store.buckets().cache(), key), CacheManifest.class);
        for (ManifestFile f : stored.files()) {
            assertEquals(f.sha256(), StoredCheckpoints.sha256(store.get(store.buckets().cache(), stored.fileKey(f))),
                    "the bucket's " + f.name() + " matches the manifest that won");
            assertArrayEquals(Files.readAllBytes(stages.get(0).store().folder(stages.get(0).cacheKey()).resolve(f.name())),
                    Files.readAllBytes(stages.get(1).store().folder(stages.get(1).cacheKey()).resolve(f.name())),
                    "both machines hold the same " + f.name());
        }
        for (StagePreprocessing s : stages) {
            CacheManifest local = CacheEntries.readLocal(s.store().folder(s.cacheKey()), s.cacheKey(), s.caseIds())
                    .orElseThrow();
            assertTrue(local.sameContent(stored), "each machine's entry is the stored one");
        }
        for (Path machine : machines) {
            LocalFolders.deleteTree(machine);
        }
    }

    @Test
    @Order(7)
    void aChangedDataSetFileIsAMissUnderANewKey() throws IOException {
        // One voxel of one label, uploaded again under the same key: the trainer sees the bucket
        // changed, downloads the data set again and finds no entry for its new digest.
        CaseFiles first = MsdDataset.open(data).trainingCases().get(0);
        NiftiImage label = NiftiReader.read(first.label());
        Volume v = label.volume();
        float[] voxels = v.data().clone();
        int i = v.index(0, 0, 0);
        voxels[i] = voxels[i] == 0 ? 1 : 0;
        NiftiWriter.write(first.label(), NiftiImage.labelsLike(label.header(), new Volume(v.shape(), voxels)));
        upload(first.label());
        String changedKey = CacheLayout.of(DatasetDigest.of(MsdDataset.open(data)), DatasetDigest.ofPlans(plans))
                .entryPrefix(CONFIGURATION);
        assertNotEquals(cacheKey, changedKey);

        FoldPreprocessed changed = train("cache-run-7", 4);
        assertFalse(changed.cacheHit());
        assertEquals(PreprocessingSource.COMPUTED, changed.source());
        assertEquals(changedKey, changed.cacheKey(), "the new bytes' digest, the same plans digest");
        assertEquals(CASES, changed.computedCases());
    }

    // ---- helpers

    /** Requests a 2-iteration fold of a run on the data set and returns its FoldPreprocessed once the fold is done. */
    private FoldPreprocessed train(String runId, int fold) {
        RunLayout run = RunLayout.of(runId);
        store.put(store.buckets().runs(), run.plans(), plansJson.getBytes(StandardCharsets.UTF_8), "application/json");
        store.put(store.buckets().runs(), run.prefix() + RunWorkspaces.SPLITS_FILE,
                splitsJson.getBytes(StandardCharsets.UTF_8), "application/json");
        FoldTrainingRequested request = new FoldTrainingRequested(new FoldId(runId, CONFIGURATION, 0, fold), DATASET,
                FoldSettings.of(2, 2, 1, 1, 42L), run.plans(), run.foldConfig(CONFIGURATION, fold), null, Instant.now());
        try {
            producer.send(new ProducerRecord<>(Topics.FOLD_REQUESTS, request.key(), ContractJson.writeString(request)))
                    .get();
        } catch (Exception e) {
            throw new AssertionError("could not send the request: " + e.getMessage(), e);
        }
        List<SegfoldEvent> events = awaitEvents(request.fold(), list -> list.stream().anyMatch(
                e -> e instanceof FoldFailed || e instanceof FoldCheckpointed c && c.finalCheckpoint()));
        events.forEach(e -> assertFalse(e instanceof FoldFailed, "no failure expected: " + e));
        List<FoldPreprocessed> reports = events.stream().filter(FoldPreprocessed.class::isInstance)
                .map(FoldPreprocessed.class::cast).toList();
        assertEquals(1, reports.size(), "one FoldPreprocessed per fold: " + events);
        return reports.get(0);
    }

    private ExperimentContext experiment(String runId, SharedPreprocessingCache machine, Plans withPlans)
            throws IOException {
        ExperimentContext trainers = workspaces.experiment(runId, DATASET);
        return new ExperimentContext(trainers.dataset(), trainers.layout(), withPlans, trainers.split(), machine);
    }

    private PreprocessingReport fillOnAnotherMachine(String name) throws IOException {
        Path machine = Files.createTempDirectory("cache-test-" + name);
        try {
            SharedPreprocessingCache other = new SharedPreprocessingCache(store, machine, true, name);
            StagePreprocessing stage = experiment("cache-run-1", other, plans).preprocessing(Configuration.FULLRES_3D);
            stage.trainingCases(stage.caseIds());
            assertEquals(CASES, stage.computedCases(), "computed, not read from the damaged entry");
            return stage.report().orElseThrow();
        } finally {
            LocalFolders.deleteTree(machine);
        }
    }

    private dev.segfold.engine.preprocess.CacheKey cacheKeyOf() {
        String[] parts = cacheKey.split("/");
        return new dev.segfold.engine.preprocess.CacheKey(parts[0], parts[1], parts[2]);
    }

    private CacheManifest bucketManifest() {
        dev.segfold.engine.preprocess.CacheKey key = cacheKeyOf();
        return ContractJson.read(store.get(store.buckets().cache(),
                CacheLayout.of(key.datasetDigest(), key.plansDigest()).manifest(CONFIGURATION)), CacheManifest.class);
    }

    private void upload(Path file) {
        store.put(store.buckets().datasets(),
                DatasetLayout.of(DATASET).prefix() + data.relativize(file).toString().replace('\\', '/'), file);
    }

    private static boolean logged(String text) {
        return LOG.stream().anyMatch(line -> line.contains(text));
    }

    private static Map<String, FileTime> modified(Path folder) throws IOException {
        Map<String, FileTime> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.getLastModifiedTime(f));
            }
        }
        return out;
    }

    /** File name below the entry (cases/ stripped) to the sequencer of its newest creation. */
    private Map<String, BigInteger> created(String entryPrefix) {
        String prefix = store.buckets().cache() + "/" + entryPrefix;
        Map<String, BigInteger> out = new TreeMap<>();
        for (ConsumerRecord<String, String> r : storage.drain()) {
            if (r.key() != null && r.key().startsWith(prefix)) {
                StorageRecord n = StorageNotification.parse(r.value()).first();
                if (n.created()) {
                    String name = n.objectKey().substring(entryPrefix.length()).replaceFirst("^cases/", "");
                    out.merge(name, new BigInteger(n.sequencer(), 16), BigInteger::max);
                }
            }
        }
        return out;
    }

    /** How many objects were created (or written again) under the entry so far. */
    private long creations(String entryPrefix) {
        String prefix = store.buckets().cache() + "/" + entryPrefix;
        return storage.drain().stream().filter(r -> r.key() != null && r.key().startsWith(prefix))
                .filter(r -> StorageNotification.parse(r.value()).first().created()).count();
    }

    private static List<SegfoldEvent> awaitEvents(FoldId fold, Predicate<List<SegfoldEvent>> condition) {
        return foldEvents(status.await("events of " + fold.key(), TIMEOUT,
                all -> condition.test(foldEvents(all, fold))), fold);
    }

    private static List<SegfoldEvent> foldEvents(List<ConsumerRecord<String, String>> records, FoldId fold) {
        List<SegfoldEvent> out = new ArrayList<>();
        for (ConsumerRecord<String, String> r : records) {
            if (fold.key().equals(r.key())) {
                out.add(ContractJson.read(r.value(), StatusEnvelope.class).event());
            }
        }
        return out;
    }
}
