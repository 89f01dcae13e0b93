package dev.segfold.engine.bench;

import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.engine.cli.CommandLineLogging;
import dev.segfold.engine.image.Volume;
import dev.segfold.engine.inference.SlidingWindowPredictor;
import dev.segfold.engine.network.Precision;
import dev.segfold.engine.network.TorchRuntime;
import dev.segfold.engine.network.UNet3d;
import dev.segfold.engine.network.UNet3dParameters;
import dev.segfold.engine.network.UNetPredictor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Times what nnU-Net's ensemble does for each tile of a case: a case that fits one patch goes
 * through F folds (distinct random weights of one plan's network), each with M mirror flips, and
 * the softmax is averaged over flips and folds. It runs the predictor validation and ensembles
 * use ({@link UNetPredictor} under {@link SlidingWindowPredictor}), and prints one JSON line;
 * bench/inference_torch.py prints the same line for PyTorch.
 *
 * <pre>[--patch Z Y X] [--base F] [--pools P] [--classes K] [--channels C] [--folds 5] [--mirrors 8]
 * [--precision fp32|bf16] [--threads T] [--cases 3] [--warmup 1]</pre>
 */
public final class InferenceBenchmark {

    /** What to time; {@code mirrors} is 1, 2, 4 or 8 (flips over the last 0..3 axes). */
    public record Options(int[] patch, int base, int pools, int classes, int channels, int folds, int mirrors,
            String precision, int threads, int cases, int warmup) {
        public static Options hippocampus() {
            return new Options(new int[] {40, 56, 40}, 32, 3, 3, 1, 5, 8, "fp32", 0, 3, 1);
        }
    }

    /** The measurement; {@link #toJson()} is the line {@code main} prints. */
    public record Result(Options options, int threads, double msPerCase, double msMin, double cpuMsPerCase,
            double meanForeground, double peakRssMb) {
        public String toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("impl", "djl");
            m.put("patch", options.patch());
            m.put("base", options.base());
            m.put("pools", options.pools());
            m.put("classes", options.classes());
            m.put("folds", options.folds());
            m.put("mirrors", options.mirrors());
            m.put("precision", options.precision());
            m.put("threads", threads);
            m.put("warmup", options.warmup());
            m.put("cases", options.cases());
            m.put("ms_per_case", Math.round(msPerCase * 10) / 10.0);
            m.put("ms_min", Math.round(msMin * 10) / 10.0);
            m.put("cpu_ms_per_case", Math.round(cpuMsPerCase * 10) / 10.0);
            m.put("mean_foreground", meanForeground);
            m.put("peak_rss_mb", Math.round(peakRssMb));
            try {
                return new ObjectMapper().writeValueAsString(m);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private InferenceBenchmark() {}

    public static void main(String[] args) {
        CommandLineLogging.configure();
        System.out.println(run(parse(args)).toJson());
    }

    /** Parses the command line; unknown flags fail naming the flag. */
    public static Options parse(String[] args) {
        Options d = Options.hippocampus();
        int[] patch = d.patch();
        int base = d.base(), pools = d.pools(), classes = d.classes(), channels = d.channels();
        int folds = d.folds(), mirrors = d.mirrors(), threads = d.threads(), cases = d.cases(), warmup = d.warmup();
        String precision = d.precision();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            try {
                switch (flag) {
                    case "--patch" -> patch = new int[] {
                        Integer.parseInt(args[++i]), Integer.parseInt(args[++i]), Integer.parseInt(args[++i])
                    };
                    case "--base" -> base = Integer.parseInt(args[++i]);
                    case "--pools" -> pools = Integer.parseInt(args[++i]);
                    case "--classes" -> classes = Integer.parseInt(args[++i]);
                    case "--channels" -> channels = Integer.parseInt(args[++i]);
                    case "--folds" -> folds = Integer.parseInt(args[++i]);
                    case "--mirrors" -> mirrors = Integer.parseInt(args[++i]);
                    case "--precision" -> precision = args[++i];
                    case "--threads" -> threads = Integer.parseInt(args[++i]);
                    case "--cases" -> cases = Integer.parseInt(args[++i]);
                    case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
                throw new IllegalArgumentException("option " + flag + " needs a number argument", e);
            }
        }
        if (!precision.equals("fp32") && !precision.equals("bf16")) {
            throw new IllegalArgumentException("--precision must be fp32 or bf16, got " + precision);
        }
        if (mirrors != 1 && mirrors != 2 && mirrors != 4 && mirrors != 8) {
            throw new IllegalArgumentException("--mirrors must be 1, 2, 4 or 8, got " + mirrors);
        }
        if (folds < 1 || cases < 1 || warmup < 0) {
            throw new IllegalArgumentException("--folds and --cases must be at least 1, --warmup at least 0");
        }
        return new Options(patch, base, pools, classes, channels, folds, mirrors, precision, threads, cases, warmup);
    }

    /** Builds the folds, runs warm-up and timed cases, and reports. */
    public static Result run(Options o) {
        if (o.threads() > 0) {
            TorchRuntime.setThreads(o.threads());
        }
        UNet3d net = UNet3d.builder().inputChannels(o.channels()).numClasses(o.classes()).baseFeatures(o.base())
                .maxFeatures(320).isotropicPools(o.pools()).build();
        Precision precision = o.precision().equals("bf16") ? Precision.BF16 : Precision.FP32;
        // mirror axes as nnU-Net lists them for 3D, the last ones first when fewer flips are asked
        int axes = Integer.numberOfTrailingZeros(o.mirrors());
        int[] mirrorAxes = Arrays.copyOfRange(new int[] {2, 1, 0}, 0, axes);
        double[] ms = new double[o.cases()];
        double foreground = 0;
        double cpuMs;
        try (NDManager m = TorchRuntime.newManager()) {
            List<SlidingWindowPredictor> folds = new ArrayList<>();
            for (int f = 0; f < o.folds(); f++) {
                UNet3dParameters p = UNet3dParameters.initialize(net, m, f);
                folds.add(SlidingWindowPredictor.builder(UNetPredictor.of(p, precision), o.patch())
                        .optMirroring(axes > 0).optMirrorAxes(mirrorAxes).build());
            }
            Random r = new Random(1);
            for (int w = 0; w < o.warmup(); w++) {
                ensemble(folds, randomCase(o, r));
            }
            long cpu0 = TrainStepBenchmark.processCpuNanos();
            for (int c = 0; c < o.cases(); c++) {
                Volume[] image = randomCase(o, r);
                long t0 = System.nanoTime();
                Volume[] probabilities = ensemble(folds, image);
                ms[c] = (System.nanoTime() - t0) / 1e6;
                foreground += meanForeground(probabilities) / o.cases();
            }
            cpuMs = (TrainStepBenchmark.processCpuNanos() - cpu0) / 1e6 / o.cases();
        }
        double mean = Arrays.stream(ms).average().orElse(Double.NaN);
        double min = Arrays.stream(ms).min().orElse(Double.NaN);
        return new Result(o, TorchRuntime.threads(), mean, min, cpuMs, foreground, TrainStepBenchmark.peakRssMb());
    }

    /** Softmax averaged over the folds, as {@code CaseSegmenter.softmax} averages an ensemble. */
    private static Volume[] ensemble(List<SlidingWindowPredictor> folds, Volume[] image) {
        Volume[] sum = null;
        for (SlidingWindowPredictor fold : folds) {
            Volume[] p = fold.predict(image);
            if (sum == null) {
                sum = p;
                continue;
            }
            for (int k = 0; k < sum.length; k++) {
                float[] s = sum[k].data();
                float[] q = p[k].data();
                for (int i = 0; i < s.length; i++) {
                    s[i] += q[i];
                }
            }
        }
        float inv = 1f / folds.size();
        for (Volume v : sum) {
            float[] s = v.data();
            for (int i = 0; i < s.length; i++) {
                s[i] *= inv;
            }
        }
        return sum;
    }

    private static Volume[] randomCase(Options o, Random r) {
        Volume[] image = new Volume[o.channels()];
        for (int c = 0; c < o.channels(); c++) {
            image[c] = Volume.zeros(o.patch());
            float[] data = image[c].data();
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) r.nextGaussian();
            }
        }
        return image;
    }

    /** Mean probability of the foreground classes: a check that the output is a softmax, not zeros. */
    private static double meanForeground(Volume[] probabilities) {
        double sum = 0;
        long n = 0;
        for (int k = 1; k < probabilities.length; k++) {
            for (float v : probabilities[k].data()) {
                sum += v;
                n++;
            }
        }
        return sum / n;
    }
}
