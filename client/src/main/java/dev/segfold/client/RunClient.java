package dev.segfold.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.client.request.EffectiveSettings;
import dev.segfold.client.request.RunRequestBody;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.FoldSelection;
import dev.segfold.contracts.spec.RunQuery;
import dev.segfold.contracts.storage.KeySegments;
import dev.segfold.contracts.storage.RunLayout;
import io.minio.DownloadObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MinioClient;
import io.minio.Result;
import io.minio.messages.Item;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./segfold run DATASET_DIR ...}: uploads the data set, submits the run, shows a progress
 * bar per fold, downloads the package and prints the path of submission.zip as its last line.
 */
@Command(name = "segfold run", mixinStandardHelpOptions = true,
        description = "Upload a data set, train its folds on the running stack, download submission.zip.")
public final class RunClient implements Callable<Integer> {
    @Parameters(index = "0", description = "MSD data-set folder (dataset.json, imagesTr, labelsTr, imagesTs)")
    Path datasetDir;

    @Option(names = "--folds", description = "folds to train (default: 0,1,2,3,4 minus --import, or the spec's)")
    String folds;

    @Option(names = "--import", description = "folds trained elsewhere, uploaded under the run's layout")
    String importFolds;

    @Option(names = "--configuration", description = "3d_fullres, 3d_lowres or 3d_cascade_fullres")
    String configuration;

    @Option(names = "--config", description = "a PaddleSeg nnU-Net YAML (nnunet_fold<k>.yml) to submit as it is")
    Path config;

    @Option(names = "--iterations", description = "iterations per fold")
    Integer iterations;

    @Option(names = "--time-budget", description = "training time of each fold, e.g. 30m or 1h30m: each trainer "
            + "fits the iterations to it (instead of --iterations)")
    String timeBudget;

    @Option(names = "--base", description = "U-Net base features (a smaller network for CPU runs)")
    Integer base;

    @Option(names = "--batch", description = "batch size")
    Integer batch;

    @Option(names = "--save-interval", description = "iterations between checkpoints")
    Integer saveInterval;

    @Option(names = "--log-iters", description = "iterations between progress events")
    Integer logIters;

    @Option(names = "--precision", description = "auto (bf16 where the hardware computes it natively, else fp32), "
            + "fp32 or bf16 (default: the server's, auto)")
    String precision;

    @Option(names = "--spec", description = "a JSON run request (any field of POST /runs) the flags are merged into")
    Path spec;

    @Option(names = "--set", paramLabel = "PATH=VALUE", description = "set any run-request field, repeatable, applied "
            + "last: --set recipe.learningRate=0.005 --set postprocessing=false --set network.patch=[40,56,40]")
    List<String> sets;

    @Option(names = "--dataset-name", description = "name in the data-set bucket (default: the folder's name)")
    String datasetName;

    @Option(names = "--out", defaultValue = "out", description = "where results are downloaded (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--api", defaultValue = "http://localhost:8080", description = "config-service (default: ${DEFAULT-VALUE})")
    URI api;

    @Option(names = "--endpoints", defaultValue = ".segfold/endpoints.properties",
            description = "endpoints file of ./segfold up (default: ${DEFAULT-VALUE})")
    Path endpoints;

    @Option(names = "--token-file", defaultValue = ".segfold/api-token",
            description = "bearer token for the API, written by ./segfold up; SEGFOLD_API_TOKEN overrides (default: ${DEFAULT-VALUE})")
    Path tokenFile;

    @Option(names = "--timeout-minutes", defaultValue = "720", description = "give up after (default: ${DEFAULT-VALUE})")
    long timeoutMinutes;

    public static void main(String[] args) {
        ClientCommandLine.runAndExit(new RunClient(), args);
    }

    @Override
    public Integer call() throws Exception {
        StackEndpoints stack = StackEndpoints.load(endpoints);
        MinioClient s3 = MinioClient.builder().endpoint(stack.s3Endpoint())
                .credentials(stack.accessKey(), stack.secretKey()).region(stack.region()).build();
        String dataset = datasetName != null ? datasetName : datasetDir.toAbsolutePath().normalize().getFileName().toString();
        KeySegments.require("dataset name", dataset);
        new DatasetUploader(s3, "segfold-datasets", System.out).upload(datasetDir, dataset);

        JsonNode answer = submit(dataset);
        String runId = KeySegments.require("run id", answer.path("runId").asText(null));
        EffectiveSettings.lines(answer).forEach(line -> System.out.println("[segfold] " + line));
        System.out.println("[segfold] run " + runId + " accepted; following segfold.status");
        RunProgress progress = new StatusFollower(stack.bootstrapServers(), System.out, System.console() != null)
                .follow(runId, Duration.ofMinutes(timeoutMinutes));
        if (progress.failure() != null) {
            System.out.println("[segfold] run " + runId + " failed: " + progress.failure());
            return 1;
        }
        Path folder = out.resolve(runId);
        List<Path> files = download(s3, RunLayout.of(runId).packagePrefix(), folder.resolve("package"));
        System.out.println("[segfold] downloaded " + files.size() + " files to " + folder.resolve("package"));
        Path submission = folder.resolve("package").resolve("submission.zip");
        if (!Files.isRegularFile(submission)) {
            throw new IllegalStateException("the run finished but " + submission + " was not in its package");
        }
        System.out.println(submission.toAbsolutePath());
        return 0;
    }

    /** POSTs the run and returns the server's answer (the effective settings among it). */
    private JsonNode submit(String dataset) throws Exception {
        HttpRequest.Builder request;
        if (config != null) {
            request = HttpRequest.newBuilder(api.resolve("/runs?" + yamlQuery(dataset)))
                    .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofFile(config));
        } else {
            request = HttpRequest.newBuilder(api.resolve("/runs")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(jsonBody(dataset).json()));
        }
        request.header("Authorization", "Bearer " + ApiToken.read(tokenFile));
        HttpResponse<String> response = HttpClient.newHttpClient().send(request.timeout(Duration.ofMinutes(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202 && response.statusCode() != 201) {
            throw new IllegalStateException("POST /runs answered " + response.statusCode() + ": " + response.body());
        }
        return ContractJson.mapper().readTree(response.body());
    }

    /** The JSON request: the spec file, then the flags, then every {@code --set}. */
    RunRequestBody jsonBody(String dataset) throws java.io.IOException {
        RunRequestBody body = spec == null ? RunRequestBody.empty() : RunRequestBody.fromFile(spec);
        body.flag("dataset", dataset).flag("configuration", configuration).flag("iterations", iterations)
                .flag("batchSize", batch).flag("saveInterval", saveInterval).flag("logInterval", logIters)
                .flag("precision", precision).flag("network.baseFeatures", base).flag("timeBudget", timeBudget);
        if (folds != null) {
            body.flag("folds", FoldSelection.parse(folds));
        }
        if (importFolds != null) {
            body.flag("importedFolds", FoldSelection.parse(importFolds));
        }
        return body.setAll(sets);
    }

    /**
     * The query of a YAML submission: the flags and {@code --set} assignments of plain run
     * parameters; the recipe and network come from the YAML itself.
     */
    String yamlQuery(String dataset) {
        if (spec != null) {
            throw new IllegalArgumentException("--spec is for JSON requests; with --config the YAML is the spec");
        }
        Map<String, String> query = new LinkedHashMap<>();
        query.put("dataset", dataset);
        // a per-fold YAML names one fold; the run trains all five unless told otherwise
        putIf(query, "folds", folds != null ? folds : allFoldsBut(importFolds));
        putIf(query, "importedFolds", importFolds);
        putIf(query, "baseFeatures", base);
        putIf(query, "configuration", configuration);
        putIf(query, "iterations", iterations);
        putIf(query, "batchSize", batch);
        putIf(query, "saveInterval", saveInterval);
        putIf(query, "logInterval", logIters);
        putIf(query, "precision", precision);
        putIf(query, "timeBudget", timeBudget);
        RunRequestBody.empty().setAll(sets).topLevel().forEach((name, value) -> {
            if (!RunQuery.PARAMETERS.contains(name) || value.isObject()) {
                throw new IllegalArgumentException("--set " + name + ": with --config the YAML carries the recipe and "
                        + "network; --set takes the query parameters " + RunQuery.PARAMETERS.stream().sorted().toList());
            }
            query.put(name, value.isArray() ? String.join(",", java.util.stream.StreamSupport.stream(
                    value.spliterator(), false).map(JsonNode::asText).toList()) : value.asText());
        });
        return query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String allFoldsBut(String imported) {
        List<Integer> skip = imported == null ? List.of() : FoldSelection.parse(imported).resolve("--import", p -> {
            throw new IllegalArgumentException("--import " + imported + ": " + p.reason());
        });
        return java.util.stream.IntStream.range(0, 5).filter(k -> !skip.contains(k)).mapToObj(String::valueOf)
                .collect(Collectors.joining(","));
    }

    private static void putIf(Map<String, String> query, String key, Object value) {
        if (value != null) {
            query.put(key, value.toString());
        }
    }

    private static List<Path> download(MinioClient s3, String prefix, Path folder) throws Exception {
        Files.createDirectories(folder);
        Path root = folder.toAbsolutePath().normalize();
        List<Path> files = new java.util.ArrayList<>();
        for (Result<Item> r : s3.listObjects(ListObjectsArgs.builder().bucket("segfold-runs").prefix(prefix)
                .recursive(true).build())) {
            String key = r.get().objectName();
            Path target = root.resolve(key.substring(prefix.length())).normalize();
            if (!target.startsWith(root) || target.equals(root)) {
                throw new IllegalStateException("object key " + key + " escapes " + root);
            }
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target);
            s3.downloadObject(DownloadObjectArgs.builder().bucket("segfold-runs").object(key)
                    .filename(target.toString()).build());
            files.add(target);
        }
        return files;
    }
}
