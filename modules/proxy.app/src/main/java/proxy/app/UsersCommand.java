package proxy.app;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import proxy.api.admin.AccessAdmin;

/**
 * {@code users add|list|disable|enable|rotate-key}: the database's principals and their keys. A new secret is
 * printed once, on standard output, and never again.
 */
final class UsersCommand {
    /** How long a rotated-out key keeps working when {@code --grace} is not given. */
    static final Duration DEFAULT_GRACE = Duration.ofHours(24);

    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    UsersCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    int run(List<String> words, Map<String, String> env) {
        AdminWords w = AdminWords.parse("users", words);
        return switch (w.action()) {
            case "add" -> session(w.expect(1, Set.of(), Set.of()), env, admin -> printKey(admin.addUser(name(w))));
            case "list" -> session(w.expect(0, Set.of(), Set.of()), env, admin -> list(admin.users()));
            case "disable" -> session(w.expect(1, Set.of(), Set.of()), env, admin -> {
                admin.setEnabled(name(w), false);
                out.println("disabled " + name(w) + ": its keys are refused within database.refreshSeconds");
            });
            case "enable" -> session(w.expect(1, Set.of(), Set.of()), env, admin -> {
                admin.setEnabled(name(w), true);
                out.println("enabled " + name(w));
            });
            case "rotate-key" -> {
                w.expect(1, Set.of("grace"), Set.of());
                Duration grace = w.option("grace").map(Durations::parse).orElse(DEFAULT_GRACE);
                yield session(w, env, admin -> {
                    printKey(admin.rotateKey(name(w), grace));
                    out.println("the previous key(s) of " + name(w) + " keep working for " + Durations.format(grace));
                });
            }
            default -> throw new Arguments.UsageException("users: unknown action '" + w.action()
                    + "' (add, list, disable, enable, rotate-key)");
        };
    }

    private int session(AdminWords words, Map<String, String> env, Consumer<AccessAdmin> action) {
        return AdminSession.run(words, env, clock, err, session -> {
            action.accept(session.admin());
            return 0;
        });
    }

    private static String name(AdminWords words) {
        return words.positional().getFirst();
    }

    private void printKey(AccessAdmin.IssuedKey key) {
        out.println("user " + key.principal());
        out.println("accessKey " + key.accessKey());
        out.println("secretKey " + key.secretKey().reveal());
        out.println("(the secret key is shown only now: hand it over safely; it is stored encrypted)");
    }

    private void list(List<AccessAdmin.UserSummary> users) {
        out.println(String.format("%-24s %-8s %6s  %s", "NAME", "ENABLED", "GRANTS", "ACCESS KEYS"));
        for (AccessAdmin.UserSummary user : users) {
            String keys = user.keys().stream()
                    .map(k -> k.accessKey() + k.expiresAt().map(e -> " (expires " + e + ")").orElse(""))
                    .collect(Collectors.joining(", "));
            out.println(String.format("%-24s %-8s %6d  %s", user.name(), user.enabled() ? "yes" : "no",
                    user.grants(), keys.isEmpty() ? "-" : keys));
        }
    }
}
