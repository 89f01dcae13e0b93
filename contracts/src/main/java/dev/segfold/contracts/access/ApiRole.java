package dev.segfold.contracts.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/**
 * The roles of the REST API (DESIGN §5), as a token's {@code groups} claim names them. Each role
 * includes the ones below it, so a token needs only its highest:
 *
 * <ul>
 *   <li>{@code read}: every {@code GET} (runs, their events, configs, the submission);</li>
 *   <li>{@code submit}: what {@code read} may, and submitting runs and cancelling one's own;</li>
 *   <li>{@code admin}: everything, cancelling anyone's run included.</li>
 * </ul>
 *
 * The embedded stack's tokens (devstack) carry these names; an identity provider's groups are
 * mapped onto them by configuration (config-service README, "Authentication").
 */
public enum ApiRole {
    READ, SUBMIT, ADMIN;

    /** The claim value of {@link #READ}, for {@code @RolesAllowed}. */
    public static final String READ_NAME = "read";
    /** The claim value of {@link #SUBMIT}, for {@code @RolesAllowed}. */
    public static final String SUBMIT_NAME = "submit";
    /** The claim value of {@link #ADMIN}, for {@code @RolesAllowed}. */
    public static final String ADMIN_NAME = "admin";

    /** The name in tokens and in {@code @RolesAllowed}. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This role and every role it includes, by claim name. */
    public Set<String> included() {
        return switch (this) {
            case READ -> Set.of(READ_NAME);
            case SUBMIT -> Set.of(READ_NAME, SUBMIT_NAME);
            case ADMIN -> Set.of(READ_NAME, SUBMIT_NAME, ADMIN_NAME);
        };
    }

    /** {@code read}, {@code submit} or {@code admin}; anything else names the choices. */
    public static ApiRole parse(String text) {
        return Arrays.stream(values()).filter(r -> r.claim().equals(text)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role \"" + text + "\" is not one of read, submit, admin"));
    }
}
