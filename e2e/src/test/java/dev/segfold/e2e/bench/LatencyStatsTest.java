package dev.segfold.e2e.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void nearestRankPercentilesOfOneToHundredAreTheRanksThemselves() {
        List<Long> samples = new ArrayList<>(LongStream.rangeClosed(1, 100).boxed().toList());
        Collections.shuffle(samples, new Random(7));
        LatencyStats s = LatencyStats.of(samples);
        assertEquals(100, s.count());
        assertEquals(1, s.min());
        assertEquals(50, s.p50());
        assertEquals(95, s.p95());
        assertEquals(99, s.p99());
        assertEquals(100, s.max());
        assertEquals(50.5, s.mean(), 1e-9);
    }

    @Test
    void withFiftySamplesP99IsTheMaximumAndP50TheTwentyFifth() {
        List<Long> samples = LongStream.rangeClosed(1, 50).map(i -> i * 10).boxed().toList();
        LatencyStats s = LatencyStats.of(samples);
        assertEquals(250, s.p50());
        assertEquals(480, s.p95()); // ceil(0.95 * 50) = 48th
        assertEquals(500, s.p99());
    }

    @Test
    void oneSampleIsEveryPercentile() {
        LatencyStats s = LatencyStats.of(List.of(-3L));
        assertEquals(-3, s.p50());
        assertEquals(-3, s.p99());
        assertEquals(-3, s.min());
    }

    @Test
    void noSamplesIsAnErrorThatSaysSo() {
        var e = assertThrows(IllegalArgumentException.class, () -> LatencyStats.of(List.of()));
        assertEquals("latency samples: none to summarise", e.getMessage());
    }

    @Test
    void jsonNamesEveryFigure() {
        String json = LatencyStats.of(List.of(1L, 2L, 3L, 4L)).toJson();
        assertEquals("{\"n\":4,\"min_ms\":1,\"p50_ms\":2,\"p95_ms\":4,\"p99_ms\":4,\"max_ms\":4,\"mean_ms\":2.5}", json);
    }
}
