package dev.segfold.evaluator.service;

import dev.segfold.contracts.storage.FoldLayout;
import dev.segfold.contracts.storage.RunLayout;
import dev.segfold.engine.workflow.FoldValidation;
import dev.segfold.service.storage.ObjectStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Uploads a fold's validation output under {@code validation/}: the predictions first, then
 * {@code summary.json} and {@code postprocessing.json}, so a reader that sees the summary finds the
 * predictions it scores.
 */
@ApplicationScoped
public class ValidationUpload {
    private final ObjectStore store;

    public ValidationUpload(ObjectStore store) {
        this.store = store;
    }

    /** Uploads everything in {@code result}'s folder; returns the keys written, in order. */
    public List<String> upload(FoldLayout fold, FoldValidation.Result result) throws IOException {
        String runs = store.buckets().runs();
        List<Path> predictions;
        try (Stream<Path> files = Files.list(result.folder())) {
            predictions = files.filter(p -> p.getFileName().toString().endsWith(RunLayout.NIFTI)).sorted().toList();
        }
        List<String> keys = new ArrayList<>();
        for (Path prediction : predictions) {
            String name = prediction.getFileName().toString();
            String key = fold.validationPrediction(name.substring(0, name.length() - RunLayout.NIFTI.length()));
            store.put(runs, key, prediction);
            keys.add(key);
        }
        store.put(runs, fold.validationSummary(), result.folder().resolve(FoldValidation.SUMMARY));
        keys.add(fold.validationSummary());
        store.put(runs, fold.postprocessing(), result.folder().resolve(FoldValidation.POSTPROCESSING));
        keys.add(fold.postprocessing());
        return keys;
    }
}
