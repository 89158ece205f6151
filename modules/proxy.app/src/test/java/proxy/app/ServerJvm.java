package proxy.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import proxy.testkit.ProjectPaths;
import proxy.testkit.TreeCopy;

/**
 * The real {@code serve} command in its own JVM, started like the launcher starts it: {@code java
 * @jlink/jvm.options} (the options file the image ships), then the test's extra flags (later {@code -D}s win), on the
 * test class path. Serves a copy of the trades fixture, whose first XLON data file can be made a sparse 1 GiB file,
 * with {@code auth.mode none} so raw-socket requests need no signature.
 */
final class ServerJvm implements AutoCloseable {
    static final long ONE_GIB = 1L << 30;

    final int port;
    final String dataKey;
    final Process process;
    final Path log;

    private ServerJvm(int port, String dataKey, Process process, Path log) {
        this.port = port;
        this.dataKey = dataKey;
        this.process = process;
        this.log = log;
    }

    /** The shipped options file of the image. */
    static Path shippedOptions() {
        return ProjectPaths.root().resolve("jlink").resolve("jvm.options");
    }

    /**
     * @param extraConfig JSON members added to config.json (each ending with a comma), e.g. {@code "a": 1,}
     * @param bigFile     whether the data file {@link #dataKey} becomes a sparse 1 GiB file
     */
    static ServerJvm start(Path dir, String extraConfig, boolean bigFile, String... jvmFlags) throws Exception {
        Path table = dir.resolve("trades");
        TreeCopy.copy(ProjectPaths.fixtureTables().resolve("trades"), table, StandardCopyOption.COPY_ATTRIBUTES);
        String key = dataFileUnder(table, "MIC=XLON");
        if (bigFile) {
            try (var file = new RandomAccessFile(table.resolve(key).toFile(), "rw")) {
                file.setLength(0);
                file.setLength(ONE_GIB);
            }
        }
        int port = freePort();
        Path config = dir.resolve("config.json");
        Files.writeString(config, """
                {"bindAddress": "127.0.0.1", "port": %d, "metricsPort": null, "getMode": "proxy", %s
                 "auth": {"mode": "none"}, "audit": "off",
                 "tableMapping": {"trades": "file:trades"}, "allowedPartitions": {"trades": [{}]}}"""
                .formatted(port, extraConfig));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "@" + shippedOptions()));
        command.addAll(List.of(jvmFlags));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "proxy.app.Main", "serve",
                "--config", config.toString()));
        Path log = dir.resolve("server.log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        var server = new ServerJvm(port, "trades/" + key, process, log);
        server.awaitListening();
        return server;
    }

    private void awaitListening() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited: " + output());
            }
            try {
                if (headOnce() == 200) {
                    return;
                }
                Thread.sleep(100);
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("server did not serve: " + output());
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    Socket connect() throws IOException {
        var socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Sends {@code head} (request line and headers, without the final empty line) and then the empty line. */
    static void send(Socket socket, String head) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((head + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** Reads a response head (status line and headers) and returns it; null when the connection ended first. */
    static String readHead(InputStream in) throws IOException {
        var head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
                return head.toString();
            }
        }
        return head.isEmpty() ? null : head.toString();
    }

    static int status(String head) {
        return Integer.parseInt(head.substring(9, 12));
    }

    /** One {@code Connection: close} HEAD of the data file; returns its status. */
    int headOnce() throws IOException {
        try (Socket socket = connect()) {
            send(socket, "HEAD /datalake/" + dataKey + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close");
            String head = readHead(socket.getInputStream());
            if (head == null) {
                throw new IOException("no response");
            }
            return status(head);
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String dataFileUnder(Path table, String partition) throws IOException {
        try (Stream<Path> walk = Files.walk(table.resolve(partition))) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList();
            return table.relativize(files.getFirst()).toString();
        }
    }

}
