package dev.segfold.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.engine.network.TorchRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options every verb takes ({@code --threads}, {@code --device}) and what the command line prints on stderr. */
class CommandLineRuntimeTest {
    @TempDir
    Path tmp;

    @Test
    void threadsIsAcceptedByEveryVerbAndSetsPyTorchsThreads() {
        assertEquals(0, EngineCommand.execute("generate", "--threads", "2", "-o", tmp.resolve("a").toString(),
                "--cases", "2", "--test-cases", "0"));
        assertEquals(2, TorchRuntime.threads());
        // before the verb, too; the engine's tests run on one thread, which this leaves behind
        assertEquals(0, EngineCommand.execute("--threads", "1", "generate", "-o", tmp.resolve("b").toString(),
                "--cases", "2", "--test-cases", "0"));
        assertEquals(1, TorchRuntime.threads());
        for (String verb : new String[] {"plan", "preprocess", "train", "evaluate", "predict", "ensemble", "run"}) {
            assertEquals(0, EngineCommand.execute(verb, "--threads", "1", "--device", "cpu", "--help"), verb);
        }
        assertEquals(1, EngineCommand.execute("generate", "--threads", "0", "-o", tmp.resolve("c").toString()),
                "zero threads is an error, not PyTorch's default");
    }

    @Test
    void deviceChoosesWhereNetworksCompute() {
        int gpus = ai.djl.engine.Engine.getInstance().getGpuCount();
        try {
            assertEquals(0, EngineCommand.execute("generate", "--device", "cpu", "-o", tmp.resolve("e").toString(),
                    "--cases", "2", "--test-cases", "0"));
            assertEquals(ai.djl.Device.cpu(), TorchRuntime.device());
            assertEquals(gpus > 0 ? ai.djl.Device.gpu() : ai.djl.Device.cpu(),
                    TorchRuntime.useDevice(TorchRuntime.DeviceChoice.AUTO), "auto: a CUDA device when there is one");
            if (gpus == 0) {
                assertEquals(1, EngineCommand.execute("generate", "--device", "gpu", "-o", tmp.resolve("f").toString(),
                        "--cases", "2", "--test-cases", "0"), "gpu without a CUDA device is an error");
            }
        } finally {
            TorchRuntime.useDevice(TorchRuntime.DeviceChoice.AUTO);
        }
    }

    @Test
    void anUnknownDeviceIsAnError() {
        assertEquals(1, EngineCommand.execute("generate", "--device", "tpu", "-o", tmp.resolve("d").toString(),
                "--cases", "2", "--test-cases", "0"));
    }

    /**
     * A separate JVM, because SLF4J binds once per process: what a user sees from {@code ./segfold
     * engine}. Loading PyTorch (through --threads) is where DJL logs.
     */
    @Test
    void aCommandThatLoadsPyTorchPrintsNothingOnStderr() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path err = tmp.resolve("stderr.txt");
        Process p = new ProcessBuilder(List.of(java.toString(), "-Dai.djl.offline=true", "-cp",
                System.getProperty("java.class.path"), EngineCommand.class.getName(), "--threads", "1", "generate",
                "-o", tmp.resolve("data").toString(), "--cases", "2", "--test-cases", "0"))
                .redirectError(err.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the command did not end in 120 s");
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), stderr);
        assertTrue(stderr.isBlank(), "stderr: " + stderr);
    }
}
