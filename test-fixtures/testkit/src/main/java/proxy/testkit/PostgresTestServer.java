package proxy.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1 for tests, made with the Debian packages' {@code initdb} and
 * {@code pg_ctl} ({@code /usr/lib/postgresql/<version>/bin}, or the folder in {@code PG_BIN}) in a temporary folder
 * and removed by {@link #close}. TCP logins need a password (scram-sha-256) for the superuser {@link #USER}, so the
 * code under test sends one as it would in production. PostgreSQL refuses to run as root: as root the cluster runs as
 * the {@code postgres} user (through {@code runuser}).
 *
 * <p>{@link #start()} skips the calling test (a JUnit assumption, with the reason) when the binaries are absent or
 * the cluster cannot be started as a non-root user. {@link #stop()} and {@link #restart()} simulate an outage.
 */
public final class PostgresTestServer implements AutoCloseable {
    /** The superuser of the cluster. */
    public static final String USER = "proxytest";

    private static final long TIMEOUT_SECONDS = 60;

    private final Path bin;
    private final Path dir;
    private final int port;
    private final String password;
    private final boolean asPostgres;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresTestServer(Path bin, Path dir, int port, String password, boolean asPostgres) {
        this.bin = bin;
        this.dir = dir;
        this.port = port;
        this.password = password;
        this.asPostgres = asPostgres;
    }

    /** Creates and starts a cluster, or skips the test saying why it cannot. */
    public static PostgresTestServer start() {
        Optional<Path> bin = binaries();
        Assumptions.assumeTrue(bin.isPresent(), "PostgreSQL binaries not found (no /usr/lib/postgresql/*/bin/initdb,"
                + " PG_BIN unset): apt-get install postgresql");
        boolean root = "root".equals(System.getProperty("user.name"));
        Assumptions.assumeTrue(!root || runs("id", "-u", "postgres"),
                "running as root without a 'postgres' user to run PostgreSQL as");
        try {
            Path dir = Files.createTempDirectory("pgtest");
            String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
            var server = new PostgresTestServer(bin.get(), dir, freePort(), password, root);
            server.init();
            server.startCluster();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The superuser's password (give it as {@code PROXY_DATABASE_PASSWORD}). */
    public String password() {
        return password;
    }

    public int port() {
        return port;
    }

    /** {@code postgresql://127.0.0.1:PORT/NAME}, as config.json names it. */
    public String uri(String database) {
        return "postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a new, empty database and returns its name. */
    public String newDatabase() {
        String name = "t" + databases.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        return name;
    }

    /** Runs statements as the superuser in one database. */
    public void execute(String database, String... sql) {
        var properties = new Properties();
        properties.setProperty("user", USER);
        properties.setProperty("password", password);
        try (Connection c = new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/"
                + database, properties); Statement st = c.createStatement()) {
            for (String s : sql) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops the cluster (fast shutdown: connections are closed), as an outage would. */
    public void stop() {
        run(pgCtl("stop", "-m", "fast"));
    }

    /** Starts the stopped cluster again on the same port. */
    public void restart() {
        startCluster();
    }

    @Override
    public void close() {
        try {
            runs(pgCtl("stop", "-m", "immediate").toArray(String[]::new));
        } finally {
            delete(dir);
        }
    }

    private void init() throws IOException {
        Path data = dir.resolve("data");
        Path pwfile = dir.resolve("pwfile");
        Files.writeString(pwfile, password + "\n");
        if (asPostgres) {
            exec(List.of("chown", "-R", "postgres", dir.toString()));
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile,
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--no-sync"));
    }

    private void startCluster() {
        run(pgCtl("start", "-w", "-t", "30", "-l", dir.resolve("log").toString(), "-o",
                "-k " + dir + " -p " + port + " -h 127.0.0.1 -c fsync=off"));
    }

    private List<String> pgCtl(String... args) {
        var command = new ArrayList<>(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString()));
        command.addAll(List.of(args));
        return command;
    }

    private void run(List<String> command) {
        var full = new ArrayList<String>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        exec(full);
    }

    private void exec(List<String> full) {
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed:\n" + output + log());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String log() {
        try {
            Path log = dir.resolve("log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static boolean runs(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Optional<Path> binaries() {
        String given = System.getenv("PG_BIN");
        if (given != null && Files.isExecutable(Path.of(given, "initdb"))) {
            return Optional.of(Path.of(given));
        }
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> b.getParent().getFileName().toString(),
                            Comparator.comparingInt(v -> v.matches("\\d+") ? Integer.parseInt(v) : 0)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int freePort() throws IOException {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder left behind
        }
    }
}
