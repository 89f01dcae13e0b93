package dev.segfold.engine.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./segfold engine <verb>}: the nnU-Net workflow on one machine, without services. */
@Command(name = "segfold engine", mixinStandardHelpOptions = true,
        description = "Plan, preprocess, train, evaluate, predict and ensemble nnU-Net folds on this machine.",
        subcommands = {GenerateCommand.class, PlanCommand.class, PreprocessCommand.class, TrainCommand.class,
            EvaluateCommand.class, PredictCommand.class, EnsembleCommand.class, RunCommand.class,
            DemoCommand.class})
public final class EngineCommand {
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        return new CommandLine(new EngineCommand())
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    if (System.getenv("SEGFOLD_DEBUG") != null) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 1;
                })
                .execute(args);
    }
}
