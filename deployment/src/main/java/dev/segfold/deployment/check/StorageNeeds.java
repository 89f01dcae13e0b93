package dev.segfold.deployment.check;

import dev.segfold.contracts.storage.Buckets;
import dev.segfold.contracts.topics.Service;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What each service does in the object store, as (bucket, S3 action) pairs: the yardstick the
 * MinIO policies in {@code deployment/minio/policies/} are held to (a policy allowing less breaks
 * the service, more is privilege it does not use). Read from the services' code, every pair with
 * its reason; keep it in line when a service starts to use storage differently.
 */
final class StorageNeeds {

    /** The S3 actions Segfold's clients (minio-java) issue, and the two harmless companions below. */
    static final Set<String> KNOWN_ACTIONS = Set.of("s3:ListBucket", "s3:GetObject", "s3:PutObject", "s3:DeleteObject",
            "s3:GetBucketLocation", "s3:AbortMultipartUpload");

    /**
     * One allowed action on one bucket.
     *
     * @param bucket the bucket
     * @param action the S3 action
     */
    record Grant(String bucket, String action) implements Comparable<Grant> {
        @Override
        public int compareTo(Grant o) {
            return toString().compareTo(o.toString());
        }

        @Override
        public String toString() {
            return action + " on " + bucket;
        }
    }

    private static final String DATASETS = Buckets.DEFAULT_DATASETS;
    private static final String RUNS = Buckets.DEFAULT_RUNS;
    private static final String CACHE = Buckets.DEFAULT_CACHE;

    /**
     * Services that open a run's experiment (RunWorkspaces.experiment) read and fill the shared
     * preprocessed-data cache (SharedPreprocessingCache: exists, get, download, put; never delete).
     */
    private static final Map<Grant, String> CACHE_USER = Map.of(
            new Grant(CACHE, "s3:ListBucket"), "SharedPreprocessingCache asks whether an entry's manifest exists "
                    + "(without it a missing key reads as 403, not 404)",
            new Grant(CACHE, "s3:GetObject"), "SharedPreprocessingCache downloads an entry",
            new Grant(CACHE, "s3:PutObject"), "SharedPreprocessingCache uploads an entry it computed");

    /** Every service reads the run's data set (RunWorkspaces.dataset: exists, list, download). */
    private static final Map<Grant, String> COMMON = Map.of(
            new Grant(DATASETS, "s3:ListBucket"), "RunWorkspaces.dataset lists the data set to download it",
            new Grant(DATASETS, "s3:GetObject"), "RunWorkspaces.dataset downloads the data set",
            new Grant(RUNS, "s3:ListBucket"), "lists a run's checkpoints, configs and results",
            new Grant(RUNS, "s3:GetObject"), "reads run.json, plans, checkpoints and results",
            new Grant(RUNS, "s3:PutObject"), "writes what it produces under the run");

    private static final Map<Service, Map<Grant, String>> EXTRA = Map.of(
            Service.CONFIG, Map.of(),
            Service.TRAINER, with(CACHE_USER, new Grant(RUNS, "s3:DeleteObject"),
                    "Retention deletes old checkpoints, LeaseKeeper and BucketCheckpoints their leases and partial manifests"
                            + " and the best checkpoint's old manifest before it is replaced"),
            Service.EVALUATOR, CACHE_USER,
            Service.PREDICTOR, with(CACHE_USER, new Grant(RUNS, "s3:DeleteObject"),
                    "EnsembleCoordinator and CascadeNextStage remove their markers when a step fails"),
            Service.PACKAGER, Map.of(new Grant(RUNS, "s3:DeleteObject"),
                    "RunPackager removes package/manifest.json when announcing fails"));

    private static Map<Grant, String> with(Map<Grant, String> base, Grant grant, String why) {
        Map<Grant, String> all = new java.util.HashMap<>(base);
        all.put(grant, why);
        return Map.copyOf(all);
    }

    private StorageNeeds() {
    }

    /** The pairs {@code service} needs. */
    static Set<Grant> of(Service service) {
        Set<Grant> all = new TreeSet<>(COMMON.keySet());
        all.addAll(EXTRA.get(service).keySet());
        return all;
    }

    /** Why {@code service} needs {@code grant}. */
    static String why(Service service, Grant grant) {
        return EXTRA.get(service).getOrDefault(grant, COMMON.getOrDefault(grant, "?"));
    }

    /**
     * Whether {@code grant} only accompanies a need: the bucket's location for a client that lists
     * it, aborting a multipart upload for one that puts (the client aborts a failed upload).
     */
    static boolean companionOf(Grant grant, Set<Grant> granted) {
        return grant.action().equals("s3:GetBucketLocation") && granted.contains(new Grant(grant.bucket(), "s3:ListBucket"))
                || grant.action().equals("s3:AbortMultipartUpload")
                        && granted.contains(new Grant(grant.bucket(), "s3:PutObject"));
    }
}
