package dev.segfold.trainer.service;

import dev.segfold.contracts.checkpoint.CheckpointRole;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The trainer's meters on {@code /q/metrics}: what an operator asks of a trainer (is it moving,
 * how fast, is it saving). Labels are closed sets (configuration, role, result), never run or fold
 * ids, so the number of series stays bounded however many runs pass through.
 */
@ApplicationScoped
public class TrainerMetrics {
    private final MeterRegistry registry;
    private final AtomicReference<Double> secondsPerIteration = new AtomicReference<>(Double.NaN);

    public TrainerMetrics(MeterRegistry registry) {
        this.registry = registry;
        // the last measured speed of this trainer; NaN until it trained a log interval
        registry.gauge("segfold.trainer.seconds.per.iteration", secondsPerIteration, AtomicReference::get);
    }

    /** {@code segfold_trainer_iterations_total}: optimizer steps done, by configuration. */
    void iterations(String configuration, int count) {
        Counter.builder("segfold.trainer.iterations").description("training iterations done")
                .tag("configuration", configuration).register(registry).increment(count);
    }

    /**
     * {@code segfold_trainer_seconds_per_iteration} (the last interval's mean) and the timer
     * {@code segfold_trainer_iteration_seconds}, one sample per progress report with that mean.
     */
    void speed(double msPerIteration) {
        secondsPerIteration.set(msPerIteration / 1000.0);
        Timer.builder("segfold.trainer.iteration").description("mean wall time of an iteration, per progress report")
                .register(registry).record(Duration.ofNanos(Math.round(msPerIteration * 1e6)));
    }

    /** {@code segfold_trainer_checkpoints_total{role}}: checkpoints uploaded (periodic, final, best). */
    void checkpoint(CheckpointRole role) {
        Counter.builder("segfold.trainer.checkpoints").description("checkpoints uploaded to the bucket")
                .tag("role", role.name().toLowerCase(Locale.ROOT)).register(registry).increment();
    }

    /** {@code segfold_trainer_validations_total} and the timer {@code segfold_trainer_validation_seconds}. */
    void validation(double seconds) {
        Timer.builder("segfold.trainer.validation").description("validation at the end of an epoch")
                .register(registry).record(Duration.ofNanos(Math.round(seconds * 1e9)));
        registry.counter("segfold.trainer.validations").increment();
    }

    /** {@code segfold_trainer_folds_total{result}}: fold requests handled, by how they ended. */
    void fold(FoldTrainingService.Result result) {
        registry.counter("segfold.trainer.folds", "result", result.name().toLowerCase(Locale.ROOT)).increment();
    }
}
