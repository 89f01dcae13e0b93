package dev.segfold.engine.bench;

import dev.segfold.engine.dataset.MsdDataset;
import dev.segfold.engine.workflow.DatasetDigest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times the data-set digest (SHA-256 over the bytes of every file, {@link DatasetDigest#of}) that
 * keys the preprocessed-data cache, and prints one JSON line: files, bytes, the wall time of each
 * repetition and the throughput of the fastest. The first repetition reads from disk unless the
 * files are in the page cache already; the others show the hashing cost alone.
 *
 * <pre>-d DATASET_FOLDER [--repeat N]</pre>
 */
public final class DatasetDigestBenchmark {
    private DatasetDigestBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = null;
        int repeat = 3;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "-d", "--dataset" -> folder = Path.of(args[++i]);
                case "--repeat" -> repeat = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: -d DATASET_FOLDER [--repeat N]; unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        if (folder == null || repeat < 1) {
            System.err.println("usage: -d DATASET_FOLDER [--repeat N]");
            System.exit(2);
        }
        MsdDataset dataset = MsdDataset.open(folder);
        List<Path> files = DatasetDigest.files(dataset);
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        List<Double> ms = new ArrayList<>();
        String digest = null;
        for (int r = 0; r < repeat; r++) {
            long start = System.nanoTime();
            digest = DatasetDigest.of(dataset);
            ms.add((System.nanoTime() - start) / 1e6);
        }
        double best = ms.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        System.out.println(String.format(Locale.ROOT,
                "{\"dataset\":\"%s\",\"training_cases\":%d,\"test_cases\":%d,\"files\":%d,\"bytes\":%d,"
                        + "\"ms\":%s,\"best_mb_per_s\":%.1f,\"digest\":\"%s\"}",
                folder.getFileName(), dataset.trainingCases().size(), dataset.testCases().size(), files.size(), bytes,
                ms.stream().map(v -> String.format(Locale.ROOT, "%.1f", v)).toList(), bytes / 1e6 / (best / 1e3),
                digest));
    }
}
