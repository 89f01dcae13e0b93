package dev.segfold.client;

import picocli.CommandLine;

/** How the launcher's client commands run: picocli, and a failure as one line naming its cause. */
final class ClientCommandLine {
    private ClientCommandLine() {}

    /** Runs {@code command} with {@code args} and exits the JVM with its status. */
    static void runAndExit(Object command, String[] args) {
        System.exit(new CommandLine(command)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("[segfold] error: " + e.getMessage());
                    return 1;
                })
                .execute(args));
    }
}
