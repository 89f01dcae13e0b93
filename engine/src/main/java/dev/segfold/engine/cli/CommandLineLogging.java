package dev.segfold.engine.cli;

/**
 * Logging of the engine's command-line programs (slf4j-simple, on their runtime classpath only).
 * Warnings and errors reach stderr; DJL's start-up notes (platform, thread counts) and its
 * GPU-probe warning on machines without a CUDA driver do not, since the commands print their own
 * progress. A {@code -Dorg.slf4j.simpleLogger...} on the command line wins.
 */
public final class CommandLineLogging {
    private CommandLineLogging() {}

    /** Call first in a {@code main}, before anything creates a logger. */
    public static void configure() {
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
