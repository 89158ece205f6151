package proxy.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.Table;
import proxy.api.audit.AuditEvent;
import proxy.api.auth.Authenticator;
import proxy.api.auth.Principal;
import proxy.api.config.GetMode;
import proxy.api.config.ProxyConfig;
import proxy.api.metrics.ProxyMetrics;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An {@link S3Server} on 127.0.0.1 over fake stores: tables {@code trades}, {@code trips} and {@code hidden_t}
 * (invisible to the test authorizer). Authentication accepts everyone as {@code tester} (or as the name an
 * {@code x-test-principal} header gives), except requests with an {@code x-test-deny} header (403
 * SignatureDoesNotMatch).
 */
final class TestServer implements AutoCloseable {
    final FakeStore trades = new FakeStore();
    final FakeStore trips = new FakeStore();
    final FakeStore hidden = new FakeStore();
    final CopyOnWriteArrayList<String> completed = new CopyOnWriteArrayList<>();
    /** Every audit event, in the order requests ended. */
    final CopyOnWriteArrayList<AuditEvent> audited = new CopyOnWriteArrayList<>();
    /** Every GetObject routing label the metrics received, in order. */
    final CopyOnWriteArrayList<String> routed = new CopyOnWriteArrayList<>();
    final S3Server server;

    TestServer(UnaryOperator<ProxyConfig.Builder> tweak) {
        var mapping = new LinkedHashMap<String, URI>();
        mapping.put("trades", URI.create("file:/data/trades"));
        mapping.put("trips", URI.create("file:/data/trips"));
        mapping.put("hidden_t", URI.create("file:/data/hidden"));
        ProxyConfig config = tweak.apply(ProxyConfig.defaults(mapping).toBuilder()
                .bindAddress("127.0.0.1").port(0).getMode(GetMode.PROXY)).build();
        var tables = new LinkedHashMap<String, Table>();
        tables.put("hidden_t", new Table("hidden_t", hidden, new FakeIndex(hidden)));
        tables.put("trades", new Table("trades", trades, new FakeIndex(trades)));
        tables.put("trips", new Table("trips", trips, new FakeIndex(trips)));
        Authenticator authenticator = view -> {
            if (view.header("x-test-deny").isPresent()) {
                throw new S3Exception(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
            }
            return new Principal(view.header("x-test-principal").orElse("tester"), "AKIDTEST");
        };
        ProxyMetrics metrics = new ProxyMetrics() {
            @Override
            public void requestCompleted(String operation, int status, long bytesSent, java.time.Duration d,
                                         String principal, Outcome outcome) {
                completed.add(operation + " " + status + " " + bytesSent + " " + principal + " " + outcome);
            }

            @Override
            public void getRouted(String routing) {
                routed.add(routing);
            }
        };
        server = new S3Server(config, tables, authenticator, new TestAuthorizer(), metrics,
                Clock.systemUTC(), audited::add);
        server.start();
    }

    TestServer() {
        this(b -> b);
    }

    /**
     * Whether a request completion was recorded within 5 seconds (metrics are recorded after the last byte was
     * sent, so a client can see the response first).
     */
    boolean completedEventually(String record) throws InterruptedException {
        for (int i = 0; i < 500 && !completed.contains(record); i++) {
            Thread.sleep(10);
        }
        return completed.contains(record);
    }

    /**
     * The listing tests' tables: trades with visible and secret keys (and one with space, plus, percent and
     * non-ASCII), trips with 25 secret keys before one visible key, and a hidden table.
     */
    TestServer withListingTables() {
        trades.put("_delta_log/00000000000000000000.json", "{}")
                .put("date=2024-01-01/part-0.parquet", "a").put("date=2024-01-01/secret-1.parquet", "s")
                .put("date=2024-01-02/part-0.parquet", "b").put("secret=1/part-0.parquet", "s")
                .put("with space+plus%/é.parquet", "u");
        for (int i = 0; i < 25; i++) {
            trips.put(String.format("secret-%02d.parquet", i), "s");
        }
        trips.put("z-visible.parquet", "v");
        hidden.put("h.parquet", "h");
        return this;
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    /** The AWS SDK v2 client, path-style, against this server. */
    S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "s")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Sends a raw HTTP/1.1 request line and headers and reads the whole response until the server closes. */
    RawResponse raw(String method, String target, String... headers) throws IOException {
        return raw(method, target, new byte[0], headers);
    }

    /** As {@link #raw(String, String, String...)}, sending a body after the headers. */
    RawResponse raw(String method, String target, byte[] body, String... headers) throws IOException {
        try (var socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            var request = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
            boolean host = false;
            for (String header : headers) {
                request.append(header).append("\r\n");
                host |= header.regionMatches(true, 0, "Host:", 0, 5);
            }
            if (!host) {
                request.append("Host: 127.0.0.1:").append(server.port()).append("\r\n");
            }
            request.append("Connection: close\r\n\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return RawResponse.read(socket.getInputStream());
        }
    }

    /** A raw response: status line, headers (lower-case names) and the bytes that followed them. */
    record RawResponse(int status, Map<String, String> headers, byte[] body) {
        static RawResponse read(InputStream in) throws IOException {
            var all = new ByteArrayOutputStream();
            var buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    all.write(buffer, 0, n);
                }
            } catch (IOException reset) {
                // a reset connection ends the response like EOF does; the body is what arrived
            }
            byte[] bytes = all.toByteArray();
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            String[] lines = text.substring(0, end).split("\r\n");
            var headers = new LinkedHashMap<String, String>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(java.util.Locale.ROOT),
                        lines[i].substring(colon + 1).strip());
            }
            return new RawResponse(Integer.parseInt(lines[0].split(" ")[1]), headers,
                    java.util.Arrays.copyOfRange(bytes, end + 4, bytes.length));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Stops without grace: tests leave nothing in flight (the lifecycle test covers the graceful stop). */
    @Override
    public void close() {
        server.stop(java.time.Duration.ZERO);
    }
}
