package dev.segfold.service.testing;

import dev.segfold.devstack.auth.ApiKeys;
import dev.segfold.service.testing.fixture.TemporaryFolders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The devstack plus the embedded stack's token issuer, for a service with an authenticated API
 * (the config-service): a key pair is made in a temporary folder exactly as {@code ./segfold up}
 * makes {@code .segfold/api-signing-key.pem}, and the service is told to verify tokens with its
 * public key, issuer and audience, the same settings the launcher passes. Tests get tokens the way
 * a user does, from {@link ApiKeys} (what {@code ./segfold token} runs): inject it into a field of
 * type {@link ApiKeys} annotated with {@link InjectDevStack}.
 */
public class ApiDevStackResource extends DevStackResource {
    private Path keyFolder;
    private ApiKeys keys;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        try {
            keyFolder = Files.createTempDirectory("segfold-api-keys");
            keys = ApiKeys.createOrLoad(keyFolder);
        } catch (IOException e) {
            throw new IllegalStateException("the test key pair could not be made: " + e.getMessage(), e);
        }
        config.putAll(verificationSettings(keys));
        return config;
    }

    /** What the config-service needs to verify tokens of {@code keys}: what {@code ./segfold up} sets. */
    public static Map<String, String> verificationSettings(ApiKeys keys) {
        return Map.of(
                "quarkus.oidc.public-key", keys.publicKeyBase64(),
                "quarkus.oidc.token.issuer", ApiKeys.ISSUER,
                "quarkus.oidc.token.audience", ApiKeys.AUDIENCE);
    }

    @Override
    public void inject(TestInjector injector) {
        super.inject(injector);
        injector.injectIntoFields(keys, new TestInjector.AnnotatedAndMatchesType(InjectDevStack.class, ApiKeys.class));
    }

    @Override
    public void stop() {
        super.stop();
        if (keyFolder != null) {
            TemporaryFolders.delete(keyFolder);
        }
    }
}
