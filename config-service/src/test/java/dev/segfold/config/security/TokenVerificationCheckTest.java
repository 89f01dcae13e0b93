package dev.segfold.config.security;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The start-up check: one way to verify tokens, never none, never both, a key never without issuer and audience. */
class TokenVerificationCheckTest {
    private static final Optional<String> NONE = Optional.empty();

    @Test
    void anIdentityProviderOrAKeyWithIssuerAndAudienceStarts() {
        assertTrue(TokenVerificationCheck.describe(Optional.of("https://idp.example.org/realms/segfold"), NONE, NONE, NONE)
                .contains("https://idp.example.org/realms/segfold"));
        assertTrue(TokenVerificationCheck.describe(NONE, Optional.of("MIIBIjAN"), Optional.of("segfold-embedded"),
                Optional.of("segfold-api")).contains("segfold-embedded"));
    }

    @Test
    void nothingBothOrAKeyAloneStopsTheServiceNamingTheSettings() {
        var none = assertThrows(IllegalStateException.class, () -> TokenVerificationCheck.describe(NONE, Optional.of(" "),
                NONE, NONE));
        assertTrue(none.getMessage().contains("QUARKUS_OIDC_AUTH_SERVER_URL") && none.getMessage().contains("QUARKUS_OIDC_PUBLIC_KEY"));
        var both = assertThrows(IllegalStateException.class, () -> TokenVerificationCheck.describe(
                Optional.of("https://idp"), Optional.of("MIIB"), NONE, NONE));
        assertTrue(both.getMessage().contains("set one of them"));
        var bare = assertThrows(IllegalStateException.class, () -> TokenVerificationCheck.describe(NONE,
                Optional.of("MIIB"), Optional.of("segfold-embedded"), NONE));
        assertTrue(bare.getMessage().contains("quarkus.oidc.token.audience"), bare.getMessage());
    }
}
