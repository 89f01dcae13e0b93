package dev.segfold.engine.workflow;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The network a time-budgeted fold trains when the user left width and batch to Segfold: nnU-Net's
 * planned network where the machine runs enough iterations of it within the budget, else a thinner
 * one with a smaller batch (same patch), chosen from this machine's measured speed. On two CPU cores
 * the planned Hippocampus network (base 32, batch 9) gets a few hundred updates in 12 minutes and
 * learns little; at such budgets iterations matter more than width (docs/BENCHMARKS.md: base 16
 * with 311 iterations Dice 0.34, base 8 with 1698 0.69, base 4 with 2118 0.77).
 *
 * <p>The rule: on a ladder from the plans (width and batch halved each rung, down to
 * {@value #MIN_BASE_FEATURES} features and a batch of {@value #MIN_BATCH_SIZE}, nnU-Net's least),
 * train the widest rung whose warm-up fits {@value #TARGET_ITERATIONS} iterations into the
 * budget, or the thinnest where none does. Rungs are probed thinnest first (their probes are the
 * cheapest) and the walk stops at the first rung that misses the target, as every wider one would.
 */
public final class NetworkScaling {
    /**
     * Iterations, as a short warm-up counts them, that make a rung worth training: the bf16
     * runs reached Dice 0.865 on Hippocampus at 2000 iterations of base 16.
     */
    public static final int TARGET_ITERATIONS = 2000;
    /** The thinnest network tried. */
    public static final int MIN_BASE_FEATURES = 4;
    /** The smallest batch tried (nnU-Net never trains with fewer than 2 patches). */
    public static final int MIN_BATCH_SIZE = 2;
    /** Steps of the short warm-up that compares rungs (the chosen one is then warmed up in full). */
    public static final int PROBE_UNTIMED_STEPS = 1;
    public static final int PROBE_TIMED_STEPS = 3;

    private NetworkScaling() {
    }

    /** A network width and batch size to try. */
    public record Rung(int baseFeatures, int batchSize) {
    }

    /** Measures how many iterations of a rung fit the budget; 0 or less when none does. */
    @FunctionalInterface
    public interface Probe {
        long iterations(Rung rung) throws IOException, InterruptedException;
    }

    /** The planned rung first, then each with half the width and (down to the least) half the batch. */
    public static List<Rung> ladder(int baseFeatures, int batchSize) {
        List<Rung> rungs = new ArrayList<>();
        rungs.add(new Rung(baseFeatures, batchSize));
        int base = baseFeatures;
        int batch = batchSize;
        while (base / 2 >= MIN_BASE_FEATURES) {
            base /= 2;
            batch = Math.max(Math.min(batch, MIN_BATCH_SIZE), batch / 2);
            rungs.add(new Rung(base, batch));
        }
        return rungs;
    }

    /** The rung to train, probing thinnest first and no further than the rule needs. */
    public static Rung choose(List<Rung> rungs, Probe probe) throws IOException, InterruptedException {
        int chosen = rungs.size() - 1;
        for (int i = rungs.size() - 1; i >= 0; i--) {
            if (probe.iterations(rungs.get(i)) < TARGET_ITERATIONS) {
                break;
            }
            chosen = i;
        }
        return rungs.get(chosen);
    }
}
