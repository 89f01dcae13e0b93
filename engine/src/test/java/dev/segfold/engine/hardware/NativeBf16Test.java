package dev.segfold.engine.hardware;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeBf16Test {
    @TempDir
    Path dir;

    private Path cpuinfo(String flags) throws IOException {
        return Files.writeString(dir.resolve("cpuinfo"), "processor\t: 0\nvendor_id\t: GenuineIntel\nflags\t\t: "
                + flags + "\nbogomips\t: 4200\n\nprocessor\t: 1\nflags\t\t: " + flags + "\n");
    }

    @Test
    void amxMeansBf16() throws IOException {
        NativeBf16 found = NativeBf16.detect(cpuinfo("fpu sse avx2 avx512f amx_bf16 amx_tile amx_int8"),
                dir.resolve("none"));
        assertTrue(found.bf16());
        assertEquals("CPU flags amx_bf16", found.reason());
    }

    @Test
    void avx512Bf16AloneMeansBf16() throws IOException {
        assertTrue(NativeBf16.detect(cpuinfo("fpu avx2 avx512f avx512_bf16"), dir.resolve("none")).bf16());
    }

    @Test
    void avx2MachineStaysFp32() throws IOException {
        NativeBf16 found = NativeBf16.detect(cpuinfo("fpu sse avx avx2 fma f16c"), dir.resolve("none"));
        assertFalse(found.bf16());
        assertTrue(found.reason().contains("no amx_bf16 or avx512_bf16"), found.reason());
    }

    @Test
    void avx512WithoutBf16StaysFp32() throws IOException {
        // AVX-512 alone (Skylake/Ice Lake) has no bf16 dot product: emulated bf16 is slower than fp32
        assertFalse(NativeBf16.detect(cpuinfo("avx512f avx512bw avx512_vnni"), dir.resolve("none")).bf16());
    }

    @Test
    void aCudaDeviceMeansBf16() throws IOException {
        Path gpus = Files.createDirectories(dir.resolve("gpus/0000:01:00.0"));
        assertTrue(NativeBf16.detect(cpuinfo("avx2"), gpus.getParent()).bf16());
    }

    @Test
    void unreadableCpuinfoStaysFp32() {
        NativeBf16 found = NativeBf16.detect(dir.resolve("missing"), dir.resolve("none"));
        assertFalse(found.bf16());
        assertTrue(found.reason().startsWith("no CPU flags readable"), found.reason());
    }
}
