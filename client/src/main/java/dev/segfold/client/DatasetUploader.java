package dev.segfold.client;

import dev.segfold.contracts.storage.DatasetLayout;
import dev.segfold.contracts.storage.KeySegments;
import io.minio.MinioClient;
import io.minio.StatObjectArgs;
import io.minio.UploadObjectArgs;
import io.minio.errors.ErrorResponseException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Uploads an MSD data-set folder to {@code segfold-datasets/<name>/} with a plain S3 client,
 * skipping files the bucket already holds with the same size (a re-run uploads nothing).
 */
public final class DatasetUploader {
    private final MinioClient s3;
    private final String bucket;
    private final PrintStream out;

    public DatasetUploader(MinioClient s3, String bucket, PrintStream out) {
        this.s3 = s3;
        this.bucket = bucket;
        this.out = out;
    }

    /** @return the number of files uploaded */
    public int upload(Path folder, String dataset) throws Exception {
        KeySegments.require("dataset", dataset);
        if (!Files.isRegularFile(folder.resolve("dataset.json"))) {
            throw new IllegalArgumentException(folder + " has no dataset.json: not a data set in the MSD layout");
        }
        String prefix = DatasetLayout.of(dataset).prefix();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
        int uploaded = 0;
        for (Path f : files) {
            String relative = folder.relativize(f).toString().replace('\\', '/');
            for (String segment : relative.split("/")) {
                KeySegments.require("file " + relative, segment);
            }
            String key = prefix + relative;
            if (sizeInBucket(key) == Files.size(f)) {
                continue;
            }
            s3.uploadObject(UploadObjectArgs.builder().bucket(bucket).object(key).filename(f.toString()).build());
            uploaded++;
        }
        out.printf("[segfold] data set %s: %d files, %d uploaded to s3://%s/%s%n", dataset, files.size(), uploaded,
                bucket, prefix);
        return uploaded;
    }

    private long sizeInBucket(String key) throws Exception {
        try {
            return s3.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build()).size();
        } catch (ErrorResponseException e) {
            return -1;
        } catch (IOException e) {
            throw e;
        }
    }
}
