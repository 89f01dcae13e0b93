package dev.segfold.devstack.auth;

import java.util.Arrays;
import java.util.Locale;

/**
 * The roles of the REST API (DESIGN §5), as the {@code groups} claim of a token names them:
 * {@code read} (every GET), {@code submit} (submit runs, cancel one's own; reading included),
 * {@code admin} (everything). The config-service checks them; this is where tokens get them.
 */
public enum ApiRole {
    READ, SUBMIT, ADMIN;

    /** The name in tokens and in {@code @RolesAllowed}. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code read}, {@code submit} or {@code admin}; anything else names the choices. */
    public static ApiRole parse(String text) {
        return Arrays.stream(values()).filter(r -> r.claim().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role \"" + text + "\" is not one of read, submit, admin"));
    }
}
