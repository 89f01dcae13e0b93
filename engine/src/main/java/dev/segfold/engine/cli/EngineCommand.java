package dev.segfold.engine.cli;

import dev.segfold.engine.network.TorchRuntime;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code ./segfold engine <verb>}: the nnU-Net workflow on one machine, without services. */
@Command(name = "segfold engine", mixinStandardHelpOptions = true,
        description = "Plan, preprocess, train, evaluate, predict and ensemble nnU-Net folds on this machine.",
        subcommands = {GenerateCommand.class, PlanCommand.class, PreprocessCommand.class, TrainCommand.class,
            EvaluateCommand.class, PredictCommand.class, EnsembleCommand.class, RunCommand.class,
            DemoCommand.class})
public final class EngineCommand {
    @Option(names = "--threads", scope = ScopeType.INHERIT,
            description = "PyTorch intra-op threads (default: PyTorch's choice, the core count)")
    Integer threads;

    @Option(names = "--device", scope = ScopeType.INHERIT, defaultValue = "auto",
            description = "auto (a CUDA device when the PyTorch library has one, else the CPU), cpu or gpu "
                    + "(default: ${DEFAULT-VALUE})")
    String device;

    public static void main(String[] args) {
        CommandLineLogging.configure();
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        EngineCommand root = new EngineCommand();
        CommandLine cli = new CommandLine(root);
        return cli
                .setExecutionStrategy(parsed -> {
                    Integer help = CommandLine.executeHelpRequest(parsed);
                    if (help != null) {
                        return help;
                    }
                    try {
                        root.configureRuntime();
                    } catch (RuntimeException e) {
                        cli.getErr().println("error: " + e.getMessage());
                        return 1;
                    }
                    return new CommandLine.RunLast().execute(parsed);
                })
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
                    if (System.getenv("SEGFOLD_DEBUG") != null) {
                        e.printStackTrace(cmd.getErr());
                    }
                    return 1;
                })
                .execute(args);
    }

    /**
     * Applies {@code --threads} and {@code --device} before any verb runs. The default device
     * (auto) needs no call: DJL already picks a CUDA device when there is one, and leaving it
     * alone keeps verbs that never touch PyTorch from loading it.
     */
    private void configureRuntime() {
        if (threads != null) {
            TorchRuntime.setThreads(threads);
        }
        TorchRuntime.DeviceChoice choice = TorchRuntime.DeviceChoice.parse(device);
        if (choice != TorchRuntime.DeviceChoice.AUTO) {
            TorchRuntime.useDevice(choice);
        }
    }
}
