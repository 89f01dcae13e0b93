package dev.segfold.engine.cli;

import dev.segfold.engine.training.TrainingProgress;
import dev.segfold.engine.workflow.ExperimentListener;
import java.io.PrintStream;

/** Prints steps and training progress as lines a person can follow in a terminal or a log. */
final class ConsoleListener implements ExperimentListener {
    private final PrintStream out;

    ConsoleListener(PrintStream out) {
        this.out = out;
    }

    @Override
    public void onStep(String message) {
        out.println("[segfold] " + message);
    }

    @Override
    public void onTraining(int fold, TrainingProgress p) {
        out.printf("[segfold] fold %d  iter %d/%d  loss %.4f  lr %.5f  %.0f ms/iter  eta %s%n", fold, p.iteration(),
                p.totalIterations(), p.meanLoss(), p.learningRate(), p.msPerIteration(), format(p.eta()));
        var v = p.validation();
        if (v != null) {
            out.printf("[segfold] fold %d  epoch %d  validation loss %.4f  pseudo Dice %s (mean %.4f)  moving average %.4f%s%n",
                    fold, v.epoch(), v.loss(), v.perClassDice(), v.meanDice(), v.ema(), v.newBest() ? "  new best" : "");
        }
    }

    private static String format(java.time.Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60) : String.format("%dm%02ds", s / 60, s % 60);
    }
}
