package proxy.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line: a subcommand, {@code --name value} options and the remaining words (passed on to
 * {@code local-proxy} and the administration commands).
 *
 * @param command the subcommand; {@code serve} when none is given
 */
record Arguments(String command, Map<String, String> options, List<String> rest) {
    /** The subcommands. */
    static final Set<String> COMMANDS = Set.of("serve", "check-config", "explain", "local-proxy", "version", "help",
            "users", "grants", "secrets", "database");
    /** Subcommands that parse their own words (repeated options, positional names). */
    private static final Set<String> OWN_PARSING = Set.of("local-proxy", "users", "grants", "secrets", "database");

    static Arguments parse(String[] args) {
        if (args.length > 0 && (args[0].equals("--version") || args[0].equals("-V"))) {
            return new Arguments("version", Map.of(), List.of());
        }
        if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
            return new Arguments("help", Map.of(), List.of());
        }
        int start = args.length > 0 && !args[0].startsWith("-") ? 1 : 0;
        String command = start == 1 ? args[0] : "serve";
        if (!COMMANDS.contains(command)) {
            throw new UsageException("unknown command '" + command + "'");
        }
        var options = new LinkedHashMap<String, String>();
        var rest = new ArrayList<String>();
        for (int i = start; i < args.length; i++) {
            if (OWN_PARSING.contains(command)) {
                rest.add(args[i]);
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            } else {
                throw new UsageException("unexpected argument '" + args[i] + "'");
            }
        }
        return new Arguments(command, Map.copyOf(options), List.copyOf(rest));
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** Fails on options the command does not take. */
    Arguments allow(String... names) {
        for (String given : options.keySet()) {
            if (!List.of(names).contains(given)) {
                throw new UsageException(command + ": unknown option --" + given);
            }
        }
        return this;
    }

    /** A malformed command line; printed with the usage text, exit code 2. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
