package dev.segfold.devstack.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.segfold.contracts.access.ApiRole;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiKeysTest {

    @TempDir
    Path dir;

    @Test
    void aTokenVerifiesWithThePublicKeyAndCarriesTheRole() throws Exception {
        ApiKeys keys = ApiKeys.generate();
        String token = keys.token("alice", ApiRole.SUBMIT, Duration.ofHours(8));
        String[] parts = token.split("\\.");
        assertEquals(3, parts.length);
        PublicKey key = KeyFactory.getInstance("RSA").generatePublic(
                new X509EncodedKeySpec(Base64.getDecoder().decode(keys.publicKeyBase64())));
        Signature rs256 = Signature.getInstance("SHA256withRSA");
        rs256.initVerify(key);
        rs256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rs256.verify(Base64.getUrlDecoder().decode(parts[2])), "RS256 over the signing input");

        JsonNode header = json(parts[0]);
        JsonNode claims = json(parts[1]);
        assertEquals("RS256", header.get("alg").asText());
        assertEquals(ApiKeys.ISSUER, claims.get("iss").asText());
        assertEquals(ApiKeys.AUDIENCE, claims.get("aud").asText());
        assertEquals("alice", claims.get("sub").asText());
        assertEquals("[\"submit\"]", claims.get("groups").toString());
        long lifetime = claims.get("exp").asLong() - claims.get("iat").asLong();
        assertEquals(8 * 3600, lifetime);
        assertNotEquals(claims.get("jti"), json(keys.token("alice", ApiRole.SUBMIT, Duration.ofHours(8))
                .split("\\.")[1]).get("jti"), "every token has its own id");
    }

    @Test
    void theKeyIsKeptOwnerOnlyAndReloadedUnchanged() throws Exception {
        ApiKeys first = ApiKeys.createOrLoad(dir);
        Path privateKey = dir.resolve(ApiKeys.PRIVATE_KEY_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)));
        assertTrue(Files.readString(dir.resolve(ApiKeys.PUBLIC_KEY_FILE)).startsWith("-----BEGIN PUBLIC KEY-----"));
        assertEquals(first.publicKeyBase64(), ApiKeys.createOrLoad(dir).publicKeyBase64(), "an existing key is kept");
        assertEquals(first.publicKeyBase64(), ApiKeys.load(dir).publicKeyBase64());
        assertNotEquals(first.publicKeyBase64(), ApiKeys.generate().publicKeyBase64());
    }

    @Test
    void initWritesAnAdminTokenOwnerOnlyAndTokenPrintsItLast() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ApiTokenMain.run(new String[] {"init", "--dir", dir.toString(), "--subject", "bob"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        Path file = dir.resolve(ApiKeys.TOKEN_FILE);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        JsonNode admin = json(Files.readString(file).strip().split("\\.")[1]);
        assertEquals("[\"admin\"]", admin.get("groups").toString());
        assertEquals("bob", admin.get("sub").asText());
        assertFalse(err.toString().contains(Files.readString(file).strip()), "the token is not printed");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ApiTokenMain.run(new String[] {"token", "--dir", dir.toString(), "--role", "read", "--ttl", "30m"},
                new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
        String[] lines = out.toString().strip().split("\n");
        JsonNode read = json(lines[lines.length - 1].split("\\.")[1]);
        assertEquals("[\"read\"]", read.get("groups").toString());
        assertEquals(1800, read.get("exp").asLong() - read.get("iat").asLong());

        ByteArrayOutputStream key = new ByteArrayOutputStream();
        ApiTokenMain.run(new String[] {"public-key", "--dir", dir.toString()}, new PrintStream(key), System.err);
        assertEquals(ApiKeys.load(dir).publicKeyBase64(), key.toString().strip(), "the key the tokens verify with");
        assertTrue(Math.abs(read.get("iat").asLong() - Instant.now().getEpochSecond()) < 60);
    }

    @Test
    void badInputIsNamed() {
        assertThrows(IllegalArgumentException.class, () -> ApiRole.parse("root"));
        assertEquals(Duration.ofHours(8), ApiKeys.parseTtl("8h"));
        assertEquals(Duration.ofDays(7), ApiKeys.parseTtl("7d"));
        assertEquals(Duration.ofMinutes(90), ApiKeys.parseTtl("PT90M"));
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.parseTtl("soon"));
        ApiKeys keys = ApiKeys.generate();
        assertThrows(IllegalArgumentException.class, () -> keys.token("a", ApiRole.READ, Duration.ofDays(91)));
        assertThrows(IllegalArgumentException.class, () -> keys.token(" ", ApiRole.READ, Duration.ofHours(1)));
        var e = assertThrows(IllegalArgumentException.class, () -> ApiTokenMain.run(
                new String[] {"init", "--dir", dir.toString(), "--role", "read"}, System.out, System.err));
        assertTrue(e.getMessage().contains("admin"), e.getMessage());
    }

    private static JsonNode json(String base64url) throws Exception {
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(base64url));
    }
}
