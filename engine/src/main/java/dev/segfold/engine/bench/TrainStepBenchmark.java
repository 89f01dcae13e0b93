package dev.segfold.engine.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.engine.cli.CommandLineLogging;
import dev.segfold.engine.network.Precision;
import dev.segfold.engine.network.TorchRuntime;
import dev.segfold.engine.network.UNet3d;
import dev.segfold.engine.network.UNet3dParameters;
import dev.segfold.engine.training.TrainStep;
import dev.segfold.engine.training.TrainingBatch;
import dev.segfold.engine.training.TrainingConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Times one nnU-Net training step (forward, deep-supervision loss, backward, clipping, Nesterov
 * update) of a plan's network on random data, and prints one JSON line; bench/train_step_torch.py
 * prints the same line for PyTorch. Defaults are the Hippocampus plan: batch 9, patch 40x56x40,
 * base 32, three [2,2,2] pools, 3 classes, 1 channel.
 *
 * <pre>--batch N --patch Z Y X --base F --pools P [--classes K] [--channels C] [--steps S] [--warmup W] [--precision fp32|bf16] [--threads T] [--profile trace.json]</pre>
 *
 * <p>{@code --profile} records the timed steps with PyTorch's profiler (a Chrome trace;
 * bench/profile_summary.py sums it per operator, as for the Python peer's trace).
 */
public final class TrainStepBenchmark {

    /** What to time. */
    public record Options(int batch, int[] patch, int base, int pools, int classes, int channels, int steps,
            int warmup, String precision, int threads, Path profile) {
        public static Options hippocampus() {
            return new Options(9, new int[] {40, 56, 40}, 32, 3, 3, 1, 5, 2, "fp32", 0, null);
        }
    }

    /** The measurement; {@link #toJson()} is the line {@code main} prints. */
    public record Result(String impl, int batch, int[] patch, int base, int pools, int classes, int threads,
            String precision, int warmup, int steps, double msPerStep, double msMin, double cpuMsPerStep,
            double lossFirst, double lossLast, double peakRssMb) {
        public String toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("impl", impl);
            m.put("batch", batch);
            m.put("patch", patch);
            m.put("base", base);
            m.put("pools", pools);
            m.put("classes", classes);
            m.put("threads", threads);
            m.put("precision", precision);
            m.put("warmup", warmup);
            m.put("steps", steps);
            m.put("ms_per_step", Math.round(msPerStep * 10) / 10.0);
            m.put("ms_min", Math.round(msMin * 10) / 10.0);
            m.put("cpu_ms_per_step", Math.round(cpuMsPerStep * 10) / 10.0);
            m.put("loss_first", lossFirst);
            m.put("loss_last", lossLast);
            m.put("peak_rss_mb", Math.round(peakRssMb));
            try {
                return new ObjectMapper().writeValueAsString(m);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private TrainStepBenchmark() {}

    public static void main(String[] args) {
        CommandLineLogging.configure();
        System.out.println(run(parse(args)).toJson());
    }

    /** Parses the command line; unknown flags fail naming the flag. */
    public static Options parse(String[] args) {
        Options d = Options.hippocampus();
        int batch = d.batch(), base = d.base(), pools = d.pools(), classes = d.classes(), channels = d.channels();
        int steps = d.steps(), warmup = d.warmup(), threads = d.threads();
        int[] patch = d.patch();
        String precision = d.precision();
        Path profile = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            try {
                switch (flag) {
                    case "--batch" -> batch = Integer.parseInt(args[++i]);
                    case "--patch" -> patch = new int[] {
                        Integer.parseInt(args[++i]), Integer.parseInt(args[++i]), Integer.parseInt(args[++i])
                    };
                    case "--base" -> base = Integer.parseInt(args[++i]);
                    case "--pools" -> pools = Integer.parseInt(args[++i]);
                    case "--classes" -> classes = Integer.parseInt(args[++i]);
                    case "--channels" -> channels = Integer.parseInt(args[++i]);
                    case "--steps" -> steps = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    case "--precision" -> precision = args[++i];
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--profile" -> profile = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                throw new IllegalArgumentException("option " + flag + " needs a number argument", e);
            }
        }
        if (!precision.equals("fp32") && !precision.equals("bf16")) {
            throw new IllegalArgumentException("--precision must be fp32 or bf16, got " + precision);
        }
        return new Options(batch, patch, base, pools, classes, channels, steps, warmup, precision, threads, profile);
    }

    /** Builds the network, runs warm-up and timed steps, and reports. */
    public static Result run(Options o) {
        if (o.threads() > 0) {
            TorchRuntime.setThreads(o.threads());
        }
        UNet3d net = UNet3d.builder().inputChannels(o.channels()).numClasses(o.classes()).baseFeatures(o.base())
                .maxFeatures(320).isotropicPools(o.pools()).build();
        TrainingConfig tc = TrainingConfig.nnUNet(1000, false, 0)
                .withPrecision(o.precision().equals("bf16") ? Precision.BF16 : Precision.FP32);
        TrainingBatch batch = randomBatch(o);
        double[] ms = new double[o.steps()];
        double lossFirst = Double.NaN;
        double lossLast = Double.NaN;
        double cpuMs;
        try (NDManager m = TorchRuntime.newManager(); UNet3dParameters p = UNet3dParameters.initialize(net, m, 0)) {
            TrainStep step = new TrainStep(p, tc);
            int it = 0;
            for (int w = 0; w < o.warmup(); w++) {
                lossFirst = step.run(batch, tc.schedule().at(it++)).loss();
            }
            if (o.profile() != null) {
                JniUtils.startProfile(false, true, false);
            }
            long cpu0 = processCpuNanos();
            for (int s = 0; s < o.steps(); s++) {
                long t0 = System.nanoTime();
                lossLast = step.run(batch, tc.schedule().at(it++)).loss();
                ms[s] = (System.nanoTime() - t0) / 1e6;
                if (Double.isNaN(lossFirst)) {
                    lossFirst = lossLast;
                }
            }
            cpuMs = (processCpuNanos() - cpu0) / 1e6 / o.steps();
            if (o.profile() != null) {
                JniUtils.stopProfile(o.profile().toAbsolutePath().toString());
            }
            step.optimizer().close();
        }
        double mean = Arrays.stream(ms).average().orElse(Double.NaN);
        double min = Arrays.stream(ms).min().orElse(Double.NaN);
        return new Result("djl", o.batch(), o.patch(), o.base(), o.pools(), o.classes(), JniUtils.getNumThreads(),
                o.precision(), o.warmup(), o.steps(), mean, min, cpuMs, lossFirst, lossLast, peakRssMb());
    }

    private static TrainingBatch randomBatch(Options o) {
        Random r = new Random(1);
        int v = o.patch()[0] * o.patch()[1] * o.patch()[2];
        float[] data = new float[o.batch() * o.channels() * v];
        for (int i = 0; i < data.length; i++) {
            data[i] = (float) r.nextGaussian();
        }
        float[] target = new float[o.batch() * v];
        for (int i = 0; i < target.length; i++) {
            target[i] = r.nextInt(o.classes());
        }
        return new TrainingBatch(o.batch(), o.channels(), o.patch(), data, target);
    }

    /**
     * CPU time of the whole process (all threads, user and system), which on a shared machine says
     * how much work a step is when the wall clock also counts waiting for a core.
     */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** VmHWM of this process in MiB, or NaN where /proc is not there. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
