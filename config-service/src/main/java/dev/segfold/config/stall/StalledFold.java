package dev.segfold.config.stall;

import java.time.Duration;
import java.time.Instant;

/**
 * A fold whose trainer stopped renewing the fold's lease: killed, hung or cut off. Another trainer
 * takes it over once it holds the fold's request; until then nobody trains it.
 *
 * @param stage         the cascade stage
 * @param fold          the fold
 * @param trainer       the lease's last holder
 * @param leaseExpiredAt when the lease expired
 */
public record StalledFold(int stage, int fold, String trainer, Instant leaseExpiredAt) {
    /** In words, as {@code waitingFor} lists it. */
    public String describe(Instant now) {
        long seconds = Math.max(0, Duration.between(leaseExpiredAt, now).toSeconds());
        return "stage " + stage + " fold " + fold + ": trainer lost (" + trainer + " stopped renewing its lease "
                + seconds + " s ago), awaiting takeover";
    }
}
