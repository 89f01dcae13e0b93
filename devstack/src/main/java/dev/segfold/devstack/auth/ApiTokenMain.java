package dev.segfold.devstack.auth;

import dev.segfold.contracts.access.ApiRole;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The launcher's token commands, on the embedded stack's key folder ({@code .segfold/}):
 *
 * <pre>
 * ApiTokenMain init  --dir .segfold [--subject NAME] [--ttl 30d]   key pair if missing, admin token to api-token (mode 600)
 * ApiTokenMain token --dir .segfold --role read|submit|admin [--ttl 8h] [--subject NAME]   prints a token as the last line
 * ApiTokenMain public-key --dir .segfold   key pair if missing, prints the public key as quarkus.oidc.public-key takes it
 * </pre>
 *
 * The subject defaults to the user's login name, so a run submitted with a {@code submit} token
 * can be cancelled with another token of the same person. Messages go to standard error; standard
 * output carries the token only.
 */
public final class ApiTokenMain {
    static final Duration INIT_TTL = Duration.ofDays(30);
    static final Duration TOKEN_TTL = Duration.ofHours(8);

    private ApiTokenMain() {
    }

    public static void main(String[] args) {
        try {
            run(args, System.out, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("segfold token: " + e.getMessage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("segfold token: " + e.getMessage());
            System.exit(1);
        }
    }

    /** Runs one command; what {@code main} does without exiting. */
    static void run(String[] args, PrintStream out, PrintStream err) throws IOException {
        if (args.length == 0 || !List.of("init", "token", "public-key").contains(args[0])) {
            throw new IllegalArgumentException("usage: init --dir DIR [--subject NAME] [--ttl 30d] | "
                    + "token --dir DIR --role read|submit|admin [--ttl 8h] [--subject NAME] | public-key --dir DIR");
        }
        if (args[0].equals("public-key")) {
            if (args.length != 3 || !args[1].equals("--dir")) {
                throw new IllegalArgumentException("usage: public-key --dir DIR");
            }
            out.println(ApiKeys.createOrLoad(Path.of(args[2])).publicKeyBase64());
            return;
        }
        boolean init = args[0].equals("init");
        Path dir = null;
        ApiRole role = init ? ApiRole.ADMIN : null;
        Duration ttl = init ? INIT_TTL : TOKEN_TTL;
        String subject = System.getProperty("user.name", "segfold");
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            switch (name) {
                case "--dir" -> dir = Path.of(value);
                case "--role" -> {
                    if (init) {
                        throw new IllegalArgumentException("init always writes an admin token; use token --role");
                    }
                    role = ApiRole.parse(value);
                }
                case "--ttl" -> ttl = ApiKeys.parseTtl(value);
                case "--subject" -> subject = value;
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (dir == null) {
            throw new IllegalArgumentException("--dir is required");
        }
        if (role == null) {
            throw new IllegalArgumentException("--role is required: read, submit or admin");
        }
        ApiKeys keys = ApiKeys.createOrLoad(dir);
        String token = keys.token(subject, role, ttl);
        Instant until = Instant.now().plus(ttl);
        if (init) {
            Path file = dir.resolve(ApiKeys.TOKEN_FILE);
            ApiKeys.writeToken(file, token);
            err.println("[segfold] admin token of " + subject + " in " + file + " (mode 600), valid until " + until);
        } else {
            err.println("[segfold] " + role.claim() + " token of " + subject + ", valid until " + until);
            out.println(token);
        }
    }
}
