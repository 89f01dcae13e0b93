package dev.segfold.config.service;

import dev.segfold.contracts.storage.KeySegments;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Makes run ids such as {@code r-20261129-173422-k3f9qx}: sortable by time, unguessable enough not
 * to collide between replicas, and a safe object-key segment.
 */
public final class RunIds {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();
    private static final int RANDOM_CHARS = 6;

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public RunIds(Clock clock) {
        this.clock = clock;
    }

    /** A fresh id. */
    public String next() {
        StringBuilder id = new StringBuilder("r-").append(TIME.format(clock.instant())).append('-');
        for (int i = 0; i < RANDOM_CHARS; i++) {
            id.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return KeySegments.require("runId", id.toString());
    }
}
