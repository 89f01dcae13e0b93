package dev.segfold.config.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.segfold.contracts.json.ContractJson;
import java.time.Instant;
import java.util.Base64;

/**
 * Why a bearer token was refused, in words a user can act on. The verifier (quarkus-oidc) only
 * says that it failed; the token's own claims, read without trusting them, tell an expired token
 * apart from one that never was valid here. Nothing of the token is repeated back.
 */
final class BearerTokens {
    private BearerTokens() {
    }

    static String rejectionReason(String authorization, Instant now) {
        if (authorization == null || authorization.isBlank()) {
            return "no bearer token: send Authorization: Bearer <token>";
        }
        if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return "the Authorization header is not a bearer token (Authorization: Bearer <token>)";
        }
        String[] parts = authorization.substring(7).strip().split("\\.");
        if (parts.length != 3) {
            return "the bearer token is not a signed JWT (three dot-separated parts)";
        }
        try {
            JsonNode claims = ContractJson.mapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
            if (claims.path("exp").canConvertToLong() && Instant.ofEpochSecond(claims.get("exp").asLong()).isBefore(now)) {
                return "the bearer token expired at " + Instant.ofEpochSecond(claims.get("exp").asLong())
                        + "; get a new one (./segfold token, or your identity provider)";
            }
        } catch (Exception e) {
            return "the bearer token's claims are not readable JSON";
        }
        return "the bearer token was not accepted: its signature, issuer or audience does not match what this "
                + "service trusts";
    }
}
