package dev.segfold.engine.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class TrainStepBenchmarkTest {

    @Test
    void parsesTheCommandLineWithHippocampusDefaults() {
        TrainStepBenchmark.Options d = TrainStepBenchmark.parse(new String[0]);
        assertEquals(9, d.batch());
        assertArrayEquals(new int[] {40, 56, 40}, d.patch());
        assertEquals(32, d.base());
        assertEquals(3, d.pools());
        TrainStepBenchmark.Options o = TrainStepBenchmark.parse(
                "--batch 2 --patch 8 16 16 --base 4 --pools 2 --steps 1 --warmup 0".split(" "));
        assertArrayEquals(new int[] {8, 16, 16}, o.patch());
        Exception e = assertThrows(IllegalArgumentException.class,
                () -> TrainStepBenchmark.parse(new String[] {"--bogus"}));
        assertTrue(e.getMessage().contains("--bogus"));
        assertThrows(IllegalArgumentException.class, () -> TrainStepBenchmark.parse(new String[] {"--batch"}));
    }

    @Test
    void printsOneJsonLineWithTheTiming() throws Exception {
        TrainStepBenchmark.Result r = TrainStepBenchmark.run(TrainStepBenchmark.parse(
                "--batch 1 --patch 8 8 8 --base 4 --pools 2 --steps 2 --warmup 1 --threads 1".split(" ")));
        String line = r.toJson();
        assertTrue(!line.contains("\n"));
        JsonNode j = new ObjectMapper().readTree(line);
        assertTrue(j.get("ms_per_step").asDouble() > 0);
        assertTrue(j.get("ms_min").asDouble() <= j.get("ms_per_step").asDouble());
        assertEquals(1, j.get("batch").asInt());
        assertEquals(8, j.get("patch").get(2).asInt());
        assertEquals("fp32", j.get("precision").asText());
        assertTrue(Double.isFinite(j.get("loss_last").asDouble()));
        assertEquals(1, j.get("threads").asInt());
        assertTrue(j.get("peak_rss_mb").asDouble() > 0);
    }
}
