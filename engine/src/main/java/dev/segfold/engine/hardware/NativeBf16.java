package dev.segfold.engine.hardware;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Whether bfloat16 arithmetic is native here, which decides precision {@code auto}: bf16 pays
 * off only where the hardware multiplies bf16 itself (Intel AMX-BF16, AVX512-BF16 on Intel and AMD
 * Zen 4+, or a CUDA GPU); elsewhere PyTorch emulates it and a bf16 step is slower than fp32.
 *
 * @param bf16   whether bf16 is native
 * @param reason what was found, for people ({@code "CPU flags amx_bf16"}, {@code "no ..."})
 */
public record NativeBf16(boolean bf16, String reason) {
    /** CPU flags ({@code /proc/cpuinfo}) that mean native bf16 matrix or vector arithmetic. */
    public static final List<String> CPU_FLAGS = List.of("amx_bf16", "avx512_bf16");

    /** Looks at this machine: {@code /proc/cpuinfo} and {@code /proc/driver/nvidia/gpus}. */
    public static NativeBf16 detect() {
        return detect(Path.of("/proc/cpuinfo"), Path.of("/proc/driver/nvidia/gpus"));
    }

    /**
     * Looks at the given files (tests pass their own).
     *
     * @param cpuinfo    a Linux {@code cpuinfo}; absent or unreadable counts as no flags
     * @param nvidiaGpus the NVIDIA driver's folder of GPUs; a non-empty folder means a CUDA device
     */
    public static NativeBf16 detect(Path cpuinfo, Path nvidiaGpus) {
        if (hasEntries(nvidiaGpus)) {
            return new NativeBf16(true, "a CUDA device (" + nvidiaGpus + ")");
        }
        Set<String> flags = cpuFlags(cpuinfo);
        List<String> found = CPU_FLAGS.stream().filter(flags::contains).toList();
        if (!found.isEmpty()) {
            return new NativeBf16(true, "CPU flags " + String.join(", ", found));
        }
        return new NativeBf16(false, flags.isEmpty() ? "no CPU flags readable from " + cpuinfo
                : "no " + String.join(" or ", CPU_FLAGS) + " among the CPU flags, and no CUDA device");
    }

    /** The flags of the first processor listed; empty when the file cannot be read. */
    static Set<String> cpuFlags(Path cpuinfo) {
        try (Stream<String> lines = Files.lines(cpuinfo)) {
            Optional<String> line = lines.filter(l -> l.startsWith("flags")).findFirst();
            if (line.isEmpty() || line.get().indexOf(':') < 0) {
                return Set.of();
            }
            String list = line.get().substring(line.get().indexOf(':') + 1).trim();
            return new HashSet<>(Arrays.asList(list.split("\\s+")));
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    private static boolean hasEntries(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }
}
