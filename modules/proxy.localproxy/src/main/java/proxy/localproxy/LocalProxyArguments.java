package proxy.localproxy;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;

/** The parsed command line of {@code local-proxy}: either a request for help or options to start with. */
sealed interface LocalProxyArguments {

    /** {@code --help} was given. */
    record Help() implements LocalProxyArguments {
    }

    /** Start the helper with these options. */
    record Start(LocalProxyOptions options) implements LocalProxyArguments {
        public Start {
            Objects.requireNonNull(options, "options");
        }
    }

    /**
     * Parses {@code --listen HOST:PORT}, {@code --upstream URL} (also as {@code --name=value}) and {@code --help}.
     *
     * @throws IllegalArgumentException with a one-line message when an argument is unknown, repeated or invalid
     */
    static LocalProxyArguments parse(List<String> args) {
        Objects.requireNonNull(args, "args");
        String listen = null;
        String upstream = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = Objects.requireNonNull(args.get(i), "argument");
            int eq = arg.indexOf('=');
            String name = eq > 0 ? arg.substring(0, eq) : arg;
            switch (name) {
                case "--help", "-h" -> {
                    return new Help();
                }
                case "--listen", "--upstream" -> {
                    String value;
                    if (eq > 0) {
                        value = arg.substring(eq + 1);
                    } else if (i + 1 < args.size()) {
                        value = args.get(++i);
                    } else {
                        throw new IllegalArgumentException(name + " needs a value");
                    }
                    if (name.equals("--listen")) {
                        listen = once(name, listen, value);
                    } else {
                        upstream = once(name, upstream, value);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        InetSocketAddress address = LocalProxyOptions.parseListen(
                listen == null ? LocalProxyOptions.DEFAULT_LISTEN : listen);
        if (upstream == null) {
            throw new IllegalArgumentException("--upstream is required: the helper forwards only to the proxy it"
                    + " names");
        }
        return new Start(LocalProxyOptions.of(address, LocalProxyOptions.parseUpstream(upstream)));
    }

    private static String once(String name, String previous, String value) {
        if (previous != null) {
            throw new IllegalArgumentException(name + " given twice");
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " needs a value");
        }
        return value;
    }
}
