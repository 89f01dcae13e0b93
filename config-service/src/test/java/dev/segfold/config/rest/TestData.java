package dev.segfold.config.rest;

import dev.segfold.contracts.storage.DatasetLayout;
import dev.segfold.engine.synthetic.SyntheticDatasetGenerator;
import dev.segfold.service.storage.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** A small generated data set uploaded once per test JVM into the data-set bucket. */
public final class TestData {
    private static String dataset;

    private TestData() {
    }

    /** The data set's name; generated (6 cases of 16^3 voxels) and uploaded on first use. */
    public static synchronized String dataset(ObjectStore store) {
        if (dataset == null) {
            // A fresh name per JVM: the service caches data sets by name in its work folder.
            String name = "Synthetic-" + UUID.randomUUID().toString().substring(0, 8);
            try {
                Path folder = Files.createTempDirectory("segfold-config-test");
                SyntheticDatasetGenerator.builder().trainingCases(6).optTestCases(1).optShape(16, 16, 16)
                        .optName(name).build().generate(folder);
                List<Path> files;
                try (Stream<Path> walk = Files.walk(folder)) {
                    files = walk.filter(Files::isRegularFile).toList();
                }
                for (Path file : files) {
                    String relative = folder.relativize(file).toString().replace('\\', '/');
                    store.put(store.buckets().datasets(), DatasetLayout.of(name).prefix() + relative, file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            dataset = name;
        }
        return dataset;
    }

    static String seedYaml() {
        try (var in = TestData.class.getResourceAsStream("/nnunet_fold0.yml")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
