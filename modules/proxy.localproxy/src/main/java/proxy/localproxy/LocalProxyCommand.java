package proxy.localproxy;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code local-proxy} command: parses its options, starts a {@link LocalProxy} and blocks until the JVM is
 * asked to stop (a shutdown hook closes the helper). Exit codes: 0 after a clean stop or {@code --help},
 * 1 when the helper cannot start (port in use, ...), 2 for bad arguments (one error line plus the usage).
 */
public final class LocalProxyCommand {

    static final String USAGE = """
            usage: delta-s3-proxy local-proxy --upstream URL [--listen HOST:PORT] [--help]
              Client-side helper for delta-s3-proxy in presignedUrl mode. When the proxy answers 3xx with a
              presigned S3 URL, the helper follows it itself, sending only the Range header (no Authorization,
              no x-amz-*), and streams the object back to the client.
              --upstream URL      the delta-s3-proxy endpoint, e.g. http://proxy:18080 (required). Clients then use
                                  http://127.0.0.1:28080 as their S3 endpoint (path-style); reads (GET, HEAD) are
                                  forwarded with method, path, query, headers and Host unchanged. A client may also
                                  use the helper as its HTTP proxy with the upstream as endpoint. Nothing else is
                                  forwarded: other hosts are refused (403), other methods too (405).
              --listen HOST:PORT  address to listen on (default 127.0.0.1:28080); any other than loopback is
                                  warned about: other machines could then use the helper
              Redirects are followed only when the upstream sends them, only to presigned URLs (X-Amz-Signature)
              over https, or over http when the upstream is http itself.
              --help              print this text""";

    private LocalProxyCommand() {
    }

    /**
     * Runs the command; returns only after the JVM began shutting down, on {@code --help} or on an error.
     *
     * @param args the arguments after {@code local-proxy}
     * @param out  receives the usage text and the start-up line
     * @param err  receives error lines
     * @return the exit code
     */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        LocalProxyArguments parsed;
        try {
            parsed = LocalProxyArguments.parse(Objects.requireNonNull(args, "args"));
        } catch (IllegalArgumentException | NullPointerException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        return switch (parsed) {
            case LocalProxyArguments.Help help -> {
                out.println(USAGE);
                yield 0;
            }
            case LocalProxyArguments.Start start -> serveUntilShutdown(start.options(), out, err);
        };
    }

    private static int serveUntilShutdown(LocalProxyOptions options, PrintStream out, PrintStream err) {
        LocalProxy proxy;
        try {
            proxy = LocalProxy.start(options);
        } catch (UncheckedIOException | IllegalStateException e) {
            err.println("error: cannot start local-proxy on " + options.listen() + ": " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            proxy.close();
            stopped.countDown();
        }));
        out.println("local-proxy listening on " + proxy.address().getHostString() + ":" + proxy.port()
                + ", upstream " + options.upstream());
        if (options.listensBeyondLoopback()) {
            err.println("WARNING: " + LocalProxy.exposureWarning(options));
        }
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            proxy.close();
        }
        return 0;
    }
}
