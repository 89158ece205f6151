package proxy.bench.index;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One packaged proxy process ({@code bin/delta-s3-proxy serve}) on free loopback ports, started with extra JVM
 * flags through {@code JDK_JAVA_OPTIONS} (the launcher's documented way), its output in a log file. {@link #start}
 * returns once {@code /readyz} answers 200 (every table's index is loaded) and the S3 port accepts connections. {@link #close()} sends SIGTERM and waits.
 */
final class ProxyProcess implements AutoCloseable {
    private static final String FOLDED = "the files of the retained commits up to version";
    private final Process process;
    private final int port;
    private final long readyNanos;
    private final Path log;

    private ProxyProcess(Process process, int port, long readyNanos, Path log) {
        this.process = process;
        this.port = port;
        this.readyNanos = readyNanos;
        this.log = log;
    }

    /**
     * @param launcher   the image's {@code bin/delta-s3-proxy}
     * @param config     writes the configuration for the given S3 and metrics ports
     * @param jvmOptions extra JVM flags (heap bound, GC log)
     */
    static ProxyProcess start(Path launcher, Path workDir, String name, ConfigWriter config, List<String> jvmOptions,
                              Duration timeout) throws IOException, InterruptedException {
        int port = freePort();
        int metrics = freePort();
        Path configFile = workDir.resolve(name + ".json");
        Path log = workDir.resolve(name + ".log");
        Files.deleteIfExists(log);
        Files.writeString(configFile, config.write(port, metrics));
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "serve", "--config", configFile.toString())
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // The proxy's filtered-log cache directory is a temporary directory it does not delete when it stops:
        // keep it inside the work directory, which the driver deletes.
        Path tmp = Files.createDirectories(workDir.resolve(name + "-tmp"));
        List<String> options = new java.util.ArrayList<>(jvmOptions);
        options.add("-Djava.io.tmpdir=" + tmp);
        pb.environment().put("JDK_JAVA_OPTIONS", String.join(" ", options));
        pb.environment().keySet().removeIf(k -> k.startsWith("PROXY_") || k.startsWith("AWS_"));
        long start = System.nanoTime();
        Process p = pb.start();
        try {
            awaitReady(p, metrics, timeout);
            awaitListening(p, port, timeout); // /readyz can answer 200 before the S3 endpoint listens
        } catch (IOException | InterruptedException | RuntimeException e) {
            p.destroyForcibly().waitFor();
            throw e;
        }
        return new ProxyProcess(p, port, System.nanoTime() - start, log);
    }

    /** Writes a proxy configuration for the given ports. */
    @FunctionalInterface
    interface ConfigWriter {
        String write(int port, int metricsPort);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    long pid() {
        return process.pid();
    }

    /**
     * Waits until the proxy has logged that the retained commits of {@code tables} tables are folded into their
     * indexes (the work it does on each table's log thread after {@code /readyz} turned 200), so that this
     * background work does not overlap the measurements.
     */
    void awaitFolded(int tables, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (Files.readAllLines(log).stream().filter(l -> l.contains(FOLDED)).count() < tables) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new IOException("the proxy did not fold the retained commits of " + tables + " tables (see "
                        + log + ")");
            }
            Thread.sleep(50);
        }
    }

    /** CPU time the process has used so far (all threads: request handling, builds, GC, JIT). */
    Duration cpu() {
        return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time"));
    }

    /** From the launch until {@code /readyz} answered 200 (JVM start and every table's index load). */
    long readyNanos() {
        return readyNanos;
    }

    private static void awaitReady(Process p, int metrics, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metrics + "/readyz"))
                .timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IOException("the proxy exited with " + p.exitValue() + " before it was ready");
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IOException("the proxy was not ready within " + timeout);
    }

    private static void awaitListening(Process p, int port, Duration timeout) throws IOException,
            InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !p.isAlive()) {
                    throw new IOException("the S3 endpoint of the proxy did not listen within " + timeout, notYet);
                }
                Thread.sleep(20);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
