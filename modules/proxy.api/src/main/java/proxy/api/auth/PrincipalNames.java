package proxy.api.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule for principal names, shared by config {@code users[]} and the database's principals: 1 to 128 of
 * {@code [A-Za-z0-9._@+-]}, starting with a letter or digit, and none of the reserved names. {@code *} (which
 * grants mean as "every principal"), {@code anonymous} (auth mode none) and {@code readiness-probe} (the readiness
 * check) are reserved, so no user can be named so that it inherits or impersonates them.
 */
public final class PrincipalNames {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}");
    /** Names no user may have (compared case-insensitively). */
    public static final Set<String> RESERVED = Set.of("*", "anonymous", "readiness-probe");

    private PrincipalNames() {
    }

    /** Why {@code name} cannot name a user, or empty when it can. */
    public static Optional<String> problem(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.of("a user name is 1-128 of [A-Za-z0-9._@+-], starting with a letter or digit");
        }
        if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            return Optional.of("'" + name + "' is reserved");
        }
        return Optional.empty();
    }
}
