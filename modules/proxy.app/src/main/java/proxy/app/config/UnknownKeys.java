package proxy.app.config;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import proxy.api.config.ConfigException;

/**
 * What happens to a key the binder does not know. In config.json it stops startup, naming the key; set by a
 * {@code PROXY_*} environment variable it is a warning naming the variable, and the run continues: environments
 * are shared, and an unrelated variable that happens to start with {@code PROXY_} ({@code PROXY_BIN}) must not stop
 * the proxy. Both suggest the nearest known key ("did you mean").
 */
final class UnknownKeys {
    private final Map<String, String> variables;
    private final Consumer<String> warnings;

    /**
     * @param variables every dotted key a variable set or created, to the variable's name
     * @param warnings  receives one line per ignored variable
     */
    UnknownKeys(Map<String, String> variables, Consumer<String> warnings) {
        this.variables = Map.copyOf(variables);
        this.warnings = warnings;
    }

    /** Unknown keys are errors (no variables). */
    static UnknownKeys strict() {
        return new UnknownKeys(Map.of(), warning -> { });
    }

    /** Whether a {@code PROXY_*} variable set this dotted key (else it comes from config.json). */
    boolean fromVariable(String key) {
        return variables.containsKey(key);
    }

    /**
     * An unknown key was found.
     *
     * @param key   its dotted key
     * @param name  its last segment
     * @param known the names known at that level
     * @throws ConfigException when the key comes from config.json
     */
    void found(String key, String name, Set<String> known) {
        Optional<String> nearest = nearest(name, known);
        String variable = variables.get(key);
        if (variable == null) {
            throw new ConfigException(key, "unknown key"
                    + nearest.map(k -> " (did you mean '" + k + "'?)").orElse(""));
        }
        warnings.accept("ignoring environment variable " + variable + ": '" + key + "' is not a configuration key"
                + nearest.map(k -> " (did you mean " + asVariable(variable, key, k) + "?)").orElse(""));
    }

    /**
     * The known name nearest to {@code name} when it is close enough to be a typo of it: a few edits away
     * (case ignored), or one of the two starting with the other ({@code secret} for {@code secretKey}).
     */
    static Optional<String> nearest(String name, Set<String> known) {
        String lower = name.toLowerCase(Locale.ROOT);
        int allowed = Math.max(1, Math.min(3, name.length() / 3));
        return known.stream()
                .filter(k -> distance(lower, k.toLowerCase(Locale.ROOT)) <= allowed || prefixes(lower, k))
                .min(Comparator.comparingInt((String k) -> distance(lower, k.toLowerCase(Locale.ROOT)))
                        .thenComparing(Comparator.naturalOrder()));
    }

    private static boolean prefixes(String lower, String known) {
        String k = known.toLowerCase(Locale.ROOT);
        return Math.min(lower.length(), k.length()) >= 4 && (k.startsWith(lower) || lower.startsWith(k));
    }

    /** The variable that would set {@code name} in place of {@code key}, which {@code variable} set or created. */
    private static String asVariable(String variable, String key, String name) {
        String[] segments = variable.substring(ConfigSource.ENV_PREFIX.length()).split("__", -1);
        int depth = Math.min(segments.length, key.split("\\.", -1).length);
        segments[depth - 1] = name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
        return ConfigSource.ENV_PREFIX + String.join("__", Arrays.copyOf(segments, depth));
    }

    /** Edit distance with adjacent transpositions (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
