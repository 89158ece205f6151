package proxy.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import proxy.api.config.ConfigException;
import proxy.api.config.DatabaseConfig;
import proxy.api.config.Secret;

/**
 * The secrets that may come only from the environment or a file, never from config.json (which many people and
 * tools can read): the PostgreSQL password ({@code PROXY_DATABASE_PASSWORD} or {@code database.passwordFile}) and
 * the listing-token keys ({@code PROXY_LISTING_TOKEN_KEYS} or {@code listingTokenKeysFile}). Relative files resolve
 * against the config file's folder.
 */
final class SecretBindings {
    private final Path baseDir;

    SecretBindings(Path baseDir) {
        this.baseDir = baseDir;
    }

    /** {@code database.user}, and the password from {@code database.password} (a variable) or its file. */
    DatabaseConfig login(ConfigNode database, DatabaseConfig config) {
        Optional<String> user = database.optional("user").filter(n -> !n.isNull()).map(ConfigNode::text);
        Optional<ConfigNode> password = database.optional("password").filter(n -> !n.isNull());
        Optional<ConfigNode> passwordFile = database.optional("passwordFile").filter(n -> !n.isNull());
        password.ifPresent(SecretBindings::requireVariable);
        if (password.isPresent() && passwordFile.isPresent()) {
            throw new ConfigException("database.passwordFile", "give the password either in a file or in"
                    + " PROXY_DATABASE_PASSWORD, not both");
        }
        Optional<Secret> secret = password.map(n -> new Secret(n.text()))
                .or(() -> passwordFile.map(n -> new Secret(read(n).stripTrailing())));
        return config.withLogin(user, secret);
    }

    /**
     * {@code listingTokenKeys} (a variable: a JSON array, or keys separated by commas or white space) or
     * {@code listingTokenKeysFile} (one key per line, {@code #} comments); empty when neither is given.
     */
    List<Secret> listingTokenKeys(ConfigNode root) {
        Optional<ConfigNode> keys = root.optional("listingTokenKeys").filter(n -> !n.isNull());
        Optional<ConfigNode> file = root.optional("listingTokenKeysFile").filter(n -> !n.isNull());
        if (keys.isPresent() && file.isPresent()) {
            throw new ConfigException("listingTokenKeysFile", "give the listing-token keys either in a file or in"
                    + " PROXY_LISTING_TOKEN_KEYS, not both");
        }
        if (keys.isPresent()) {
            ConfigNode node = keys.get();
            requireVariable(node);
            var out = new ArrayList<Secret>();
            if (node.isText()) {
                split(node.text(), out);
            } else {
                node.elements().forEach(n -> out.add(new Secret(n.text().strip())));
            }
            return out;
        }
        return file.map(n -> {
            var out = new ArrayList<Secret>();
            read(n).lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .forEach(l -> out.add(new Secret(l)));
            if (out.isEmpty()) {
                throw new ConfigException(n.key(), "names a file without any key");
            }
            return (List<Secret>) out;
        }).orElse(List.of());
    }

    private static void split(String text, List<Secret> out) {
        for (String part : text.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                out.add(new Secret(part));
            }
        }
    }

    private static void requireVariable(ConfigNode node) {
        if (!node.fromVariable()) {
            String variable = "PROXY_" + node.key().replace(".", "_").replaceAll("([a-z])([A-Z])", "$1_$2")
                    .toUpperCase(java.util.Locale.ROOT);
            throw new ConfigException(node.key(), "is a secret and is not read from config.json: set " + variable
                    + " or give " + node.key() + "File");
        }
    }

    private String read(ConfigNode node) {
        Path file = baseDir.resolve(node.text()).normalize();
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException(node.key(), "cannot read " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
