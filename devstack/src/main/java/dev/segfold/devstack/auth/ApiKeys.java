package dev.segfold.devstack.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segfold.contracts.access.ApiRole;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded stack's token issuer: an RSA key pair kept in a folder ({@code .segfold/} for
 * {@code ./segfold up}, a temporary one in tests) and RS256-signed JWTs for the API's roles.
 * The config-service verifies them with the public key alone ({@code quarkus.oidc.public-key},
 * {@link #publicKeyBase64()}), so no identity provider has to run; in production an OIDC provider
 * issues the tokens instead and this class is not used.
 *
 * <p>Only the JDK signs here (SHA256withRSA over the JWS signing input), so the launcher needs no
 * further library. The private key is written readable by its owner only, like the tokens: whoever
 * reads it can mint an admin token.
 */
public final class ApiKeys {
    /** {@code iss} of every token; the config-service is told to accept exactly this issuer. */
    public static final String ISSUER = "segfold-embedded";
    /** {@code aud} of every token; the config-service is told to require it. */
    public static final String AUDIENCE = "segfold-api";
    /** The private key, PKCS#8 PEM, mode 600. */
    public static final String PRIVATE_KEY_FILE = "api-signing-key.pem";
    /** The public key, X.509 SubjectPublicKeyInfo PEM. */
    public static final String PUBLIC_KEY_FILE = "api-public-key.pem";
    /** The admin token {@code ./segfold up} writes, mode 600. */
    public static final String TOKEN_FILE = "api-token";
    /** Longest lifetime a token may be given: a leaked token must run out. */
    public static final Duration MAX_TTL = Duration.ofDays(90);

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final Clock clock;

    private ApiKeys(PrivateKey privateKey, PublicKey publicKey, Clock clock) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.clock = clock;
    }

    /** A fresh 2048-bit key pair held in memory (tests that need no files, and {@link #createOrLoad}). */
    public static ApiKeys generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            return new ApiKeys(pair.getPrivate(), pair.getPublic(), Clock.systemUTC());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make RSA keys: " + e.getMessage(), e);
        }
    }

    /**
     * The key pair in {@code folder}, made and written there first if it has none. An existing
     * key is kept, so tokens handed out earlier stay valid across {@code ./segfold up}; delete
     * the two files to revoke every token at once.
     */
    public static ApiKeys createOrLoad(Path folder) throws IOException {
        if (Files.isRegularFile(folder.resolve(PRIVATE_KEY_FILE))) {
            return load(folder);
        }
        ApiKeys keys = generate();
        Files.createDirectories(folder);
        writePrivate(folder.resolve(PRIVATE_KEY_FILE), pem("PRIVATE KEY", keys.privateKey.getEncoded()));
        writePrivate(folder.resolve(PUBLIC_KEY_FILE), pem("PUBLIC KEY", keys.publicKey.getEncoded()));
        return keys;
    }

    /** The key pair of {@code folder}; the public key is derived from the private one. */
    public static ApiKeys load(Path folder) throws IOException {
        Path file = folder.resolve(PRIVATE_KEY_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist: ./segfold up (or ./segfold token, which creates it) makes it");
        }
        Matcher m = PEM.matcher(Files.readString(file, StandardCharsets.US_ASCII));
        if (!m.find() || !m.group(1).equals("PRIVATE KEY")) {
            throw new IOException(file + " is not a PKCS#8 PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getMimeDecoder().decode(m.group(2).strip())));
            if (!(privateKey instanceof RSAPrivateCrtKey crt)) {
                throw new IOException(file + " holds no RSA CRT key, so its public key cannot be derived");
            }
            PublicKey publicKey = rsa.generatePublic(new RSAPublicKeySpec(crt.getModulus(), crt.getPublicExponent()));
            return new ApiKeys(privateKey, publicKey, Clock.systemUTC());
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " is not an RSA private key: " + e.getMessage(), e);
        }
    }

    /** The same keys with another clock (tests mint expired tokens with it). */
    public ApiKeys withClock(Clock other) {
        return new ApiKeys(privateKey, publicKey, other);
    }

    /**
     * The public key as {@code quarkus.oidc.public-key} takes it: base64 of the DER
     * SubjectPublicKeyInfo, one line, no PEM armour. Not a secret.
     */
    public String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey.getEncoded());
    }

    /** The public key in PEM form, as {@link #PUBLIC_KEY_FILE} holds it. */
    public String publicKeyPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    /**
     * A signed token for {@code subject} with {@code role}, valid for {@code ttl} from now.
     *
     * @throws IllegalArgumentException for an empty subject, or a lifetime not positive or above {@link #MAX_TTL}
     */
    public String token(String subject, ApiRole role, Duration ttl) {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("the token's subject is empty");
        }
        if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl " + ttl + " is not between 1 second and " + MAX_TTL.toDays() + " days");
        }
        Instant now = clock.instant();
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        ObjectNode claims = JSON.createObjectNode()
                .put("iss", ISSUER)
                .put("aud", AUDIENCE)
                .put("sub", subject)
                .put("iat", now.getEpochSecond())
                .put("exp", now.plus(ttl).getEpochSecond())
                .put("jti", HexFormat.of().formatHex(randomBytes(12)));
        claims.putArray("groups").add(role.claim());
        return sign(header, claims);
    }

    /** Signs any claims (tests forge tokens with unexpected claims this way). */
    public String sign(ObjectNode header, ObjectNode claims) {
        try {
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String input = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                    + b64.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64.encodeToString(rs256.sign());
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("signing a token failed: " + e.getMessage(), e);
        }
    }

    /** Writes {@code token} to {@code file}, readable by its owner only, replacing it atomically. */
    public static void writeToken(Path file, String token) throws IOException {
        writePrivate(file, token + "\n");
    }

    /**
     * A lifetime as the launcher takes it: {@code 90s}, {@code 30m}, {@code 8h}, {@code 7d}, or ISO-8601 ({@code PT8H}).
     */
    public static Duration parseTtl(String text) {
        Matcher m = Pattern.compile("([0-9]{1,7})([smhd])").matcher(text.strip());
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(text.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("ttl \"" + text + "\" is not like 30m, 8h, 7d or PT8H");
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    /** Writes through a temporary file made owner-only before any content reaches it. */
    private static void writePrivate(Path file, String content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: the folder's permissions have to do.
            }
            Files.writeString(tmp, content, StandardCharsets.US_ASCII);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
