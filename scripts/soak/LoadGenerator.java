import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Soak load for delta-s3-proxy (single-file program: {@code java LoadGenerator.java ...}). Opens N keep-alive
 * connections to 127.0.0.1 only, each on its own virtual thread, and sends a mix of S3 reads signed per request with
 * SigV4 (header auth, UNSIGNED-PAYLOAD) until the duration is over; then prints one summary line per figure.
 *
 * <p>Mix (weights): ListObjectsV2 of a granted partition 20, HEAD 20, ranged GET 25, full GET 20 (all expect 2xx),
 * GET of a partition not granted 10 (expects 403), bad signature 5 (expects 403). Anything else, or an I/O error on
 * a fresh connection, is an unexpected error. A keep-alive connection the server closed between two requests is
 * reopened and the request retried once (what HTTP clients do for idempotent requests); such reopenings are
 * counted, not errors.
 *
 * <p>Arguments: --port P --table-dir DIR (the trades fixture, to learn object keys) --connections N --duration SECONDS
 * --access-key K --secret-key S [--bucket datalake] [--table trades] [--allowed MIC=XLON,MIC=XETR].
 */
public final class LoadGenerator {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String REGION = "us-east-1";

    private final Map<String, String> args;
    private final int port;
    private final String bucket;
    private final List<String> allowed = new ArrayList<>();
    private final List<String> forbidden = new ArrayList<>();
    private final List<String> listPrefixes = new ArrayList<>();
    private final LongAdder requests = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder reopened = new LongAdder();
    private final Map<String, LongAdder> byOutcome = new ConcurrentHashMap<>();
    private final Map<String, String> firstErrors = new ConcurrentHashMap<>();
    /** Latency histogram: 10 us buckets below 100 ms, then 1 ms buckets up to 60 s (the last one is "more"). */
    private final AtomicLongArray histogram = new AtomicLongArray(10_000 + 60_000);
    private final AtomicLong maxMicros = new AtomicLong();

    private LoadGenerator(Map<String, String> args) throws IOException {
        this.args = args;
        this.port = Integer.parseInt(args.get("port"));
        this.bucket = args.getOrDefault("bucket", "datalake");
        String table = args.getOrDefault("table", "trades");
        List<String> grantedPartitions = List.of(args.getOrDefault("allowed", "MIC=XLON,MIC=XETR").split(","));
        Path dir = Path.of(args.get("table-dir"));
        try (var walk = Files.walk(dir)) {
            for (Path file : walk.filter(p -> p.toString().endsWith(".parquet")).sorted().toList()) {
                String key = table + "/" + dir.relativize(file).toString().replace('\\', '/');
                String partition = dir.relativize(file).getName(0).toString();
                (grantedPartitions.contains(partition) ? allowed : forbidden).add(key);
            }
        }
        grantedPartitions.forEach(p -> listPrefixes.add(table + "/" + p + "/"));
        if (allowed.isEmpty() || forbidden.isEmpty()) {
            throw new IllegalArgumentException("need granted and not granted data files under " + dir);
        }
    }

    public static void main(String[] argv) throws Exception {
        var args = new TreeMap<String, String>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        new LoadGenerator(args).run(Integer.parseInt(args.getOrDefault("connections", "1000")),
                Long.parseLong(args.getOrDefault("duration", "600")));
    }

    private void run(int connections, long seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long started = System.nanoTime();
        var threads = new ArrayList<Thread>();
        for (int i = 0; i < connections; i++) {
            threads.add(Thread.ofVirtual().start(() -> client(end)));
        }
        long nextReport = System.nanoTime() + 30_000_000_000L;
        for (Thread t : threads) {
            while (!t.join(java.time.Duration.ofSeconds(1))) {
                if (System.nanoTime() > nextReport) {
                    System.out.printf("progress: %d s, %d requests, %d unexpected%n",
                            (System.nanoTime() - started) / 1_000_000_000L, requests.sum(), errors.sum());
                    nextReport += 30_000_000_000L;
                }
            }
        }
        report((System.nanoTime() - started) / 1e9);
    }

    private void client(long end) {
        Connection connection = null;
        try {
            while (System.nanoTime() < end) {
                Request request = nextRequest();
                long start = System.nanoTime();
                String outcome;
                try {
                    if (connection == null) {
                        connection = new Connection(port);
                    }
                    outcome = connection.exchange(request, true);
                } catch (Connection.ClosedBetweenRequests closed) {
                    reopened.increment();
                    connection.close();
                    connection = null;
                    try {
                        connection = new Connection(port);
                        outcome = connection.exchange(request, false);
                    } catch (IOException e) {
                        outcome = "io:" + e;
                    }
                } catch (IOException e) {
                    outcome = "io:" + e;
                }
                long micros = (System.nanoTime() - start) / 1_000;
                record(micros);
                requests.increment();
                byOutcome.computeIfAbsent(request.name + " " + outcome, k -> new LongAdder()).increment();
                if (connection != null && connection.closing) {
                    connection.close();
                    connection = null;
                }
                if (!outcome.equals(request.expected)) {
                    errors.increment();
                    firstErrors.putIfAbsent(request.name + " " + outcome, request.method + " " + request.target);
                    if (connection != null) {
                        connection.close();
                    }
                    connection = null;
                }
            }
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private void record(long micros) {
        int bucket = micros < 100_000 ? (int) (micros / 10) : (int) Math.min(69_999, 10_000 + (micros - 100_000) / 1_000);
        histogram.incrementAndGet(bucket);
        maxMicros.accumulateAndGet(micros, Math::max);
    }

    /** The upper bound, in ms, of the bucket holding the p-th fraction of all latencies. */
    private double percentile(double p) {
        long total = 0;
        for (int i = 0; i < histogram.length(); i++) {
            total += histogram.get(i);
        }
        long rank = (long) Math.ceil(p * total);
        long seen = 0;
        for (int i = 0; i < histogram.length(); i++) {
            seen += histogram.get(i);
            if (seen >= rank && seen > 0) {
                return i < 10_000 ? (i + 1) * 0.01 : 100 + (i - 10_000 + 1);
            }
        }
        return 0;
    }

    private Request nextRequest() {
        var random = ThreadLocalRandom.current();
        int roll = random.nextInt(100);
        String secret = args.get("secret-key");
        if (roll < 20) {
            String prefix = listPrefixes.get(random.nextInt(listPrefixes.size()));
            var query = new TreeMap<String, String>(Map.of("list-type", "2", "prefix", prefix, "max-keys", "100"));
            return sign("list", "GET", "/" + bucket, query, Map.of(), secret, "200");
        }
        String key = allowed.get(random.nextInt(allowed.size()));
        if (roll < 40) {
            return sign("head", "HEAD", objectPath(key), new TreeMap<>(), Map.of(), secret, "200");
        }
        if (roll < 65) {
            return sign("range", "GET", objectPath(key), new TreeMap<>(), Map.of("range", "bytes=0-1023"), secret,
                    "206");
        }
        if (roll < 85) {
            return sign("get", "GET", objectPath(key), new TreeMap<>(), Map.of(), secret, "200");
        }
        if (roll < 95) {
            String denied = forbidden.get(random.nextInt(forbidden.size()));
            return sign("forbidden", "GET", objectPath(denied), new TreeMap<>(), Map.of(), secret, "403");
        }
        return sign("badsig", "GET", objectPath(key), new TreeMap<>(), Map.of(), secret + "-wrong", "403");
    }

    private String objectPath(String key) {
        var path = new StringBuilder("/").append(bucket);
        for (String segment : key.split("/")) {
            path.append('/').append(encode(segment));
        }
        return path.toString();
    }

    /** A SigV4 header-signed request (x-amz-content-sha256: UNSIGNED-PAYLOAD). */
    private Request sign(String name, String method, String path, TreeMap<String, String> query,
            Map<String, String> extra, String secret, String expected) {
        String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(AMZ_DATE);
        String day = amzDate.substring(0, 8);
        var headers = new TreeMap<String, String>(extra);
        headers.put("host", "127.0.0.1:" + port);
        headers.put("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
        headers.put("x-amz-date", amzDate);
        var canonicalQuery = new StringBuilder();
        query.forEach((k, v) -> canonicalQuery.append(canonicalQuery.isEmpty() ? "" : "&").append(encode(k))
                .append('=').append(encode(v)));
        var canonicalHeaders = new StringBuilder();
        headers.forEach((k, v) -> canonicalHeaders.append(k).append(':').append(v.strip()).append('\n'));
        String signedHeaders = String.join(";", headers.keySet());
        String canonical = method + "\n" + path + "\n" + canonicalQuery + "\n" + canonicalHeaders + "\n"
                + signedHeaders + "\nUNSIGNED-PAYLOAD";
        String scope = day + "/" + REGION + "/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha256(canonical));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), day);
        key = hmac(hmac(hmac(key, REGION), "s3"), "aws4_request");
        String authorization = "AWS4-HMAC-SHA256 Credential=" + args.get("access-key") + "/" + scope
                + ", SignedHeaders=" + signedHeaders + ", Signature=" + hex(hmac(key, toSign));
        var head = new StringBuilder(method).append(' ').append(path)
                .append(canonicalQuery.isEmpty() ? "" : "?" + canonicalQuery).append(" HTTP/1.1\r\n");
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("authorization: ").append(authorization).append("\r\n\r\n");
        return new Request(name, method, path, head.toString().getBytes(StandardCharsets.ISO_8859_1), expected);
    }

    private void report(double seconds) {
        System.out.printf("duration_s: %.0f%n", seconds);
        System.out.printf("requests: %d (%.0f/s)%n", requests.sum(), requests.sum() / seconds);
        System.out.printf("unexpected_errors: %d%n", errors.sum());
        System.out.printf("keepalive_reopened: %d%n", reopened.sum());
        System.out.printf("latency_ms: p50 %.2f p99 %.2f max %.2f%n", percentile(0.50), percentile(0.99),
                maxMicros.get() / 1000.0);
        new TreeMap<>(byOutcome).forEach((k, v) -> System.out.printf("outcome: %s %d%n", k, v.sum()));
        firstErrors.forEach((k, v) -> System.out.printf("first_error: %s on %s%n", k, v));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private record Request(String name, String method, String target, byte[] head, String expected) {
    }

    /** One keep-alive HTTP/1.1 connection to the loopback address. */
    private static final class Connection implements AutoCloseable {
        /** The server closed a reused connection before answering: safe to retry on a new one. */
        static final class ClosedBetweenRequests extends IOException {
            ClosedBetweenRequests(String message) {
                super(message);
            }
        }

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean used;
        /** The last response said {@code Connection: close}. */
        boolean closing;

        Connection(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(60_000);
            in = new BufferedInputStream(socket.getInputStream(), 1 << 13);
            out = socket.getOutputStream();
        }

        /** Sends the request and reads the whole response; returns its status (as text). */
        String exchange(Request request, boolean retryable) throws IOException {
            boolean reused = used;
            used = true;
            String statusLine;
            try {
                out.write(request.head);
                out.flush();
                statusLine = line();
            } catch (IOException e) {
                if (reused && retryable) {
                    throw new ClosedBetweenRequests(e.toString());
                }
                throw e;
            }
            if (statusLine == null) {
                if (reused && retryable) {
                    throw new ClosedBetweenRequests("EOF before the status line");
                }
                throw new IOException("EOF before the status line");
            }
            String status = statusLine.substring(9, 12);
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header; (header = line()) != null && !header.isEmpty(); ) {
                String lower = header.toLowerCase(java.util.Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring(15).strip());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            if (!request.method.equals("HEAD")) {
                if (chunked) {
                    for (long size; (size = Long.parseLong(line().split(";")[0].strip(), 16)) > 0; ) {
                        skip(size);
                        line();
                    }
                    line();
                } else if (length > 0) {
                    skip(length);
                }
            }
            closing = close;
            return status;
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long skipped = in.skip(n);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new IOException("EOF in body");
                    }
                    skipped = 1;
                }
                n -= skipped;
            }
        }

        private String line() throws IOException {
            var line = new StringBuilder();
            for (int c; (c = in.read()) >= 0; ) {
                if (c == '\n') {
                    int len = line.length();
                    return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : line.toString();
                }
                line.append((char) c);
            }
            return line.isEmpty() ? null : line.toString();
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
