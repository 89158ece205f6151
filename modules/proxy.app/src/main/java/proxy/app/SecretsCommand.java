package proxy.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import proxy.api.config.ConfigException;
import proxy.api.config.DatabaseConfig;
import proxy.api.config.Secret;

/**
 * {@code secrets rotate-key --new-key-file F}: re-encrypts every stored secret under the key in F, in one
 * transaction (legacy plain-text secrets are encrypted on the way). The configured key (PROXY_SECRETS_KEY or
 * database.secretsKeyFile) must be the current one; afterwards configure F's key and restart serve.
 */
final class SecretsCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    SecretsCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    int run(List<String> words, Map<String, String> env) {
        AdminWords w = AdminWords.parse("secrets", words);
        if (!w.action().equals("rotate-key")) {
            throw new Arguments.UsageException("secrets: unknown action '" + w.action() + "' (rotate-key)");
        }
        Secret next = readKey(Path.of(w.expect(0, Set.of("new-key-file"), Set.of()).required("new-key-file")));
        return AdminSession.run(w, env, clock, err, session -> {
            int count = session.admin().rotateSecretsKey(next);
            out.println("re-encrypted " + count + " secret(s) under the new key; now configure it (PROXY_SECRETS_KEY"
                    + " or database.secretsKeyFile) and restart serve: until then serve refuses database keys");
            return 0;
        });
    }

    private static Secret readKey(Path file) {
        Path resolved = file.toAbsolutePath().normalize();
        try {
            var secret = new Secret(Files.readString(resolved).strip());
            DatabaseConfig.decodeKey(secret, "--new-key-file (" + resolved + ")");
            return secret;
        } catch (IOException e) {
            throw new ConfigException("--new-key-file", "cannot read " + resolved + " (" + e.getClass().getSimpleName()
                    + ")");
        }
    }
}
