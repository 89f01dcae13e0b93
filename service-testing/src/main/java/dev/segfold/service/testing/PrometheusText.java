package dev.segfold.service.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** Reads a service's {@code /q/metrics} (Prometheus text format) in tests. */
public final class PrometheusText {
    private PrometheusText() {
    }

    /** The whole exposition, fetched without a token (metrics are public like health). */
    public static String scrape(URL metrics) throws IOException {
        try (InputStream in = metrics.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * The value of the first sample whose line starts with {@code prefix} (the name, and labels as
     * far as given: Micrometer writes them sorted by name).
     *
     * @throws AssertionError naming the prefix and showing the segfold_ lines when there is none
     */
    public static double value(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .orElseThrow(() -> new AssertionError("no sample " + prefix + " in /q/metrics; segfold_ lines:\n"
                        + String.join("\n", text.lines().filter(l -> l.startsWith("segfold_")).toList())));
    }
}
