package dev.segfold.engine.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.segfold.engine.plan.Configuration;
import dev.segfold.engine.plan.ExperimentPlanner;
import dev.segfold.engine.plan.Fingerprints;
import dev.segfold.engine.plan.PlanOverrides;
import dev.segfold.engine.plan.Plans;
import dev.segfold.engine.workflow.NetworkScaling.Rung;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NetworkScalingTest {
    @Test
    void theLadderHalvesWidthAndBatchFromThePlansDownToTheLeast() {
        assertEquals(List.of(new Rung(32, 9), new Rung(16, 4), new Rung(8, 2), new Rung(4, 2)),
                NetworkScaling.ladder(32, 9));
        assertEquals(List.of(new Rung(8, 1), new Rung(4, 1)), NetworkScaling.ladder(8, 1), "a batch of 1 stays");
        assertEquals(List.of(new Rung(4, 2)), NetworkScaling.ladder(4, 2), "nothing thinner to try");
    }

    @Test
    void aSlowMachineTrainsTheThinnestAfterOneProbe() throws Exception {
        // Hippocampus, 12 minutes on this project's 2-core CPU (docs/BENCHMARKS.md): no rung fits 2000
        // iterations as a warm-up counts them (base 4: 1297), so the thinnest trains, probed alone
        Map<Integer, Long> counts = Map.of(32, 90L, 16, 250L, 8, 1100L, 4, 1297L);
        List<Rung> probed = new ArrayList<>();
        Rung chosen = NetworkScaling.choose(NetworkScaling.ladder(32, 9), r -> {
            probed.add(r);
            return counts.get(r.baseFeatures());
        });
        assertEquals(new Rung(4, 2), chosen);
        assertEquals(List.of(new Rung(4, 2)), probed);
    }

    @Test
    void theWidestRungThatFitsTheTargetTrainsAndWiderOnesAreProbedOnlyOnce() throws Exception {
        Map<Integer, Long> counts = Map.of(32, 300L, 16, 900L, 8, 3800L, 4, 6000L);
        List<Rung> probed = new ArrayList<>();
        Rung chosen = NetworkScaling.choose(NetworkScaling.ladder(32, 9), r -> {
            probed.add(r);
            return counts.get(r.baseFeatures());
        });
        assertEquals(new Rung(8, 2), chosen);
        assertEquals(List.of(new Rung(4, 2), new Rung(8, 2), new Rung(16, 4)), probed, "32 is not probed");
    }

    @Test
    void aFastEnoughMachineKeepsThePlannedNetwork() throws Exception {
        assertEquals(new Rung(32, 9), NetworkScaling.choose(NetworkScaling.ladder(32, 9), r -> 2500));
        assertEquals(new Rung(4, 2), NetworkScaling.choose(NetworkScaling.ladder(32, 9), r -> -5),
                "no rung fits an iteration: the thinnest, whose warm-up then says the budget is too short");
    }

    @Test
    void plansWithAnotherNetworkChangeWidthAndTheStagesBatchOnly() {
        Plans plans = new ExperimentPlanner().plan(Fingerprints.hippocampus(), PlanOverrides.NONE);
        Plans thin = plans.withNetwork(Configuration.FULLRES_3D, 8, 2);
        assertEquals(8, thin.baseNumFeatures());
        assertEquals(2, thin.stage(Configuration.FULLRES_3D).batchSize());
        assertArrayEquals(plans.stage(Configuration.FULLRES_3D).patchSize(),
                thin.stage(Configuration.FULLRES_3D).patchSize(), "the patch stays as planned");
        assertEquals(plans.stage(Configuration.FULLRES_3D).numPools(), thin.stage(Configuration.FULLRES_3D).numPools());
        assertEquals(NetworkPlans.network(plans, Configuration.FULLRES_3D).numClasses(),
                NetworkPlans.network(thin, Configuration.FULLRES_3D).numClasses());
        assertEquals(8, NetworkPlans.network(thin, Configuration.FULLRES_3D).baseFeatures());
    }
}
