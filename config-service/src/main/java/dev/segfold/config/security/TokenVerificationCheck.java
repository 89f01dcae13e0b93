package dev.segfold.config.security;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Refuses to start an API that could not verify a single token: every endpoint needs one (DESIGN
 * §5), so without a way to check them the service would answer 401 to everyone and look broken
 * rather than misconfigured. One of two settings must be present:
 *
 * <ul>
 *   <li>{@code quarkus.oidc.auth-server-url}: an OIDC provider (production);</li>
 *   <li>{@code quarkus.oidc.public-key}: the embedded stack's public key ({@code ./segfold up}
 *       passes {@code .segfold/api-public-key.pem}), with the issuer and audience its tokens carry.</li>
 * </ul>
 */
@Singleton
public class TokenVerificationCheck {
    private static final Logger LOG = Logger.getLogger(TokenVerificationCheck.class);

    static final String AUTH_SERVER_URL = "quarkus.oidc.auth-server-url";
    static final String PUBLIC_KEY = "quarkus.oidc.public-key";
    static final String ISSUER = "quarkus.oidc.token.issuer";
    static final String AUDIENCE = "quarkus.oidc.token.audience";

    void onStart(@Observes StartupEvent start, Config config) {
        LOG.info(describe(config.getOptionalValue(AUTH_SERVER_URL, String.class),
                config.getOptionalValue(PUBLIC_KEY, String.class), config.getOptionalValue(ISSUER, String.class),
                config.getOptionalValue(AUDIENCE, String.class)));
    }

    /**
     * How tokens are verified, in words for the log (no key material).
     *
     * @throws IllegalStateException when neither way is configured
     */
    static String describe(Optional<String> authServerUrl, Optional<String> publicKey, Optional<String> issuer,
                           Optional<String> audience) {
        Optional<String> url = authServerUrl.filter(s -> !s.isBlank());
        Optional<String> key = publicKey.filter(s -> !s.isBlank());
        if (url.isPresent() && key.isPresent()) {
            throw new IllegalStateException("both " + AUTH_SERVER_URL + " and " + PUBLIC_KEY + " are set: the public "
                    + "key would silently take precedence over the identity provider; set one of them");
        }
        if (url.isPresent()) {
            return "API tokens are verified by the OIDC provider " + url.get();
        }
        if (key.isPresent()) {
            // Without an issuer and audience, any token the key ever signed for any purpose would do.
            for (Optional<String> required : java.util.List.of(issuer, audience)) {
                if (required.filter(s -> !s.isBlank()).isEmpty()) {
                    throw new IllegalStateException(PUBLIC_KEY + " is set without " + ISSUER + " and " + AUDIENCE
                            + " (QUARKUS_OIDC_TOKEN_ISSUER=segfold-embedded, QUARKUS_OIDC_TOKEN_AUDIENCE=segfold-api for "
                            + "the embedded stack's tokens): both are checked on every token");
                }
            }
            return "API tokens are verified with a configured public key (no identity provider), issuer "
                    + issuer.get() + ", audience " + audience.get();
        }
        throw new IllegalStateException("no way to verify API tokens: set " + AUTH_SERVER_URL
                + " (QUARKUS_OIDC_AUTH_SERVER_URL, your OIDC provider) or " + PUBLIC_KEY
                + " (QUARKUS_OIDC_PUBLIC_KEY, the embedded stack's key; ./segfold up sets it)");
    }
}
