package proxy.app;

import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code database migrate}: creates the configured database's schema, or migrates it from an older release, and
 * exits; every other administration command does this too, first. For a shared PostgreSQL database it is the one
 * step that needs the right to create tables, a function and triggers (run it as the owner, e.g. from a deployment
 * job); {@code serve} then needs only {@code SELECT} and never changes the schema.
 */
final class DatabaseCommand {
    private final PrintStream out;
    private final PrintStream err;
    private final Clock clock;

    DatabaseCommand(PrintStream out, PrintStream err, Clock clock) {
        this.out = out;
        this.err = err;
        this.clock = clock;
    }

    int run(List<String> words, Map<String, String> env) {
        AdminWords w = AdminWords.parse("database", words);
        if (!w.action().equals("migrate")) {
            throw new Arguments.UsageException("database: unknown action '" + w.action() + "' (migrate)");
        }
        w.expect(0, Set.of(), Set.of());
        return AdminSession.run(w, env, clock, err, session -> {
            out.println("the schema of " + session.config().database().uri() + " is current");
            return 0;
        });
    }
}
