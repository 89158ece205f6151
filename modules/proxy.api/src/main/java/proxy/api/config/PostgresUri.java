package proxy.api.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks that a PostgreSQL {@code database.uri} carries no credential: a password in config.json would be read by
 * everyone who can read the configuration, and printed wherever the URI is (logs, {@code check-config}).
 */
final class PostgresUri {
    private PostgresUri() {
    }

    /** @throws ConfigException naming {@code database.uri} when it has user info or a user/password parameter */
    static void requireNoCredentials(String uri) {
        String rest = uri.startsWith("jdbc:") ? uri.substring("jdbc:".length()) : uri;
        if (rest.startsWith("postgresql:") && !rest.startsWith("postgresql://")) {
            rest = "postgresql://localhost/" + rest.substring("postgresql:".length());
        }
        URI parsed;
        try {
            parsed = new URI(rest);
        } catch (URISyntaxException e) {
            throw new ConfigException("database.uri", "is not a valid PostgreSQL URL: " + e.getReason());
        }
        if (parsed.getRawUserInfo() != null || parsed.getRawAuthority() != null && parsed.getRawAuthority().contains("@")) {
            throw new ConfigException("database.uri", "must not contain a user or password: give the user in"
                    + " database.user (or PROXY_DATABASE_USER) and the password in PROXY_DATABASE_PASSWORD or"
                    + " database.passwordFile");
        }
        String query = parsed.getRawQuery();
        if (query == null) {
            return;
        }
        for (String parameter : query.split("&")) {
            String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (name.equals("password") || name.equals("user")) {
                throw new ConfigException("database.uri", "must not contain the parameter '" + name + "': give the"
                        + " user in database.user (or PROXY_DATABASE_USER) and the password in"
                        + " PROXY_DATABASE_PASSWORD or database.passwordFile");
            }
        }
    }
}
