package dev.segfold.client;

import dev.segfold.client.bundle.BundleImport;
import dev.segfold.contracts.storage.Buckets;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./segfold import BUNDLE.zip --run RUN --fold K [--configuration C]}: uploads a fold bundle's
 * checkpoint into another run, files first and {@code checkpoint.json} last, as a teammate's
 * upload with a plain S3 client would; the evaluator then evaluates it like a fold trained there.
 */
@Command(name = "segfold import", mixinStandardHelpOptions = true,
        description = "Import a fold bundle (package/fold<k>.zip of some run) as fold K of another run.")
public final class ImportClient implements Callable<Integer> {
    @Parameters(index = "0", description = "the bundle, e.g. out/<run>/package/3d_lowres/fold2.zip")
    Path bundle;

    @Option(names = "--run", required = true, description = "the run to import into")
    String runId;

    @Option(names = "--fold", required = true, description = "the fold it becomes")
    int fold;

    @Option(names = "--configuration",
            description = "the configuration (stage) it becomes, e.g. 3d_lowres (default: the bundle's own)")
    String configuration;

    @Option(names = "--bucket", defaultValue = Buckets.DEFAULT_RUNS, description = "runs bucket (default: ${DEFAULT-VALUE})")
    String bucket;

    @Option(names = "--endpoints", defaultValue = ".segfold/endpoints.properties",
            description = "endpoints file of ./segfold up (default: ${DEFAULT-VALUE})")
    Path endpoints;

    public static void main(String[] args) {
        ClientCommandLine.runAndExit(new ImportClient(), args);
    }

    @Override
    public Integer call() throws Exception {
        BundleImport.Plan plan;
        try (InputStream in = Files.newInputStream(bundle)) {
            plan = BundleImport.plan(in, bundle.toString(), runId, configuration, fold);
        }
        StackEndpoints stack = StackEndpoints.load(endpoints);
        MinioClient s3 = MinioClient.builder().endpoint(stack.s3Endpoint())
                .credentials(stack.accessKey(), stack.secretKey()).region(stack.region()).build();
        upload(s3, bucket, plan);
        System.out.println("[segfold] imported " + plan.files().size() + " files of " + bundle + " as "
                + plan.parsed().configuration() + " fold " + fold + " of run " + runId);
        System.out.println(bucket + "/" + plan.manifest().key());
        return 0;
    }

    /** Uploads the plan's files, then its manifest. */
    public static void upload(MinioClient s3, String bucket, BundleImport.Plan plan) throws Exception {
        for (BundleImport.Upload u : plan.files()) {
            put(s3, bucket, u, "application/octet-stream");
        }
        put(s3, bucket, plan.manifest(), "application/json");
    }

    private static void put(MinioClient s3, String bucket, BundleImport.Upload u, String type) throws Exception {
        s3.putObject(PutObjectArgs.builder().bucket(bucket).object(u.key()).contentType(type)
                .stream(new ByteArrayInputStream(u.content()), u.content().length, -1).build());
    }
}
