package dev.segfold.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bearer token the client sends to the API: {@code SEGFOLD_API_TOKEN} when set (a token from
 * an identity provider, or {@code ./segfold token}), else the file {@code ./segfold up} writes
 * ({@code .segfold/api-token}). The token is never printed.
 */
final class ApiToken {
    private ApiToken() {
    }

    static String read(Path file) throws IOException {
        String env = System.getenv("SEGFOLD_API_TOKEN");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        if (file == null || !Files.isRegularFile(file)) {
            throw new IllegalStateException("no API token: " + file + " does not exist and SEGFOLD_API_TOKEN is not set;"
                    + " ./segfold up writes the file, ./segfold token --role submit prints a token");
        }
        String token = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (token.isEmpty()) {
            throw new IllegalStateException(file + " is empty: run ./segfold up again, or set SEGFOLD_API_TOKEN");
        }
        return token;
    }
}
