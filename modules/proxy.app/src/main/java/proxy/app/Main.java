package proxy.app;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;
import proxy.api.config.ConfigException;

/**
 * The {@code delta-s3-proxy} command. Exit codes: 0 success, 1 runtime failure, 2 invalid configuration or
 * command line (one line on standard error naming the key or argument).
 */
public final class Main {
    static final String USAGE = """
            usage: delta-s3-proxy [serve] [--config FILE]      run the S3 endpoint (default command)
                   delta-s3-proxy check-config [--config FILE] check what serve checks; print a summary, secrets masked
                   delta-s3-proxy explain --table T --user U [--config FILE]
                                                               what U can read of T, and by which grant
                   delta-s3-proxy local-proxy [--help]         the client-side helper for presigned redirects
                   delta-s3-proxy users add|disable|enable NAME | users list | users rotate-key NAME [--grace 24h]
                   delta-s3-proxy grants add --user U --table T [--partition COL=VALUE ...] | grants list
                                         [--user U] [--table T] | grants revoke ID
                   delta-s3-proxy secrets rotate-key --new-key-file F
                   delta-s3-proxy database migrate
                                                               (these take --config FILE too; see the README)
                   delta-s3-proxy --version
            Configuration: config.json (default ./config.json) then PROXY_* environment variables
            (PROXY_PORT, PROXY_S3__ENDPOINT, ...).""";

    private Main() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        Logging.configure();
        // Always exit explicitly: after serve stopped, threads of backend libraries must not keep the JVM alive.
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs a command; {@code serve} returns only when the server has stopped. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            Arguments arguments = Arguments.parse(args);
            return switch (arguments.command()) {
                case "version" -> {
                    out.println("delta-s3-proxy " + Version.current());
                    yield 0;
                }
                case "help" -> {
                    out.println(USAGE);
                    yield 0;
                }
                case "check-config" -> new CheckConfigCommand(out, Clock.systemUTC())
                        .run(arguments.allow("config"), env);
                case "explain" -> new ExplainCommand(out, Clock.systemUTC())
                        .run(arguments.allow("config", "table", "user"), env);
                case "local-proxy" -> proxy.localproxy.LocalProxyCommand.run(arguments.rest(), out, err);
                case "users" -> new UsersCommand(out, err, Clock.systemUTC()).run(arguments.rest(), env);
                case "grants" -> new GrantsCommand(out, err, Clock.systemUTC()).run(arguments.rest(), env);
                case "secrets" -> new SecretsCommand(out, err, Clock.systemUTC()).run(arguments.rest(), env);
                case "database" -> new DatabaseCommand(out, err, Clock.systemUTC()).run(arguments.rest(), env);
                case "serve" -> new ServeCommand(Clock.systemUTC(), out, err).run(arguments.allow("config"), env);
                default -> throw new Arguments.UsageException("unknown command '" + arguments.command() + "'");
            };
        } catch (Arguments.UsageException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (ConfigException e) {
            err.println("configuration error: " + e.getMessage());
            return 2;
        }
    }
}
