package proxy.localproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 64 MiB object streams through a helper whose heap is capped at 32 MiB: the helper runs in a child JVM with
 * {@code -Xmx32m} (started through {@link LocalProxyCommand}, as {@code proxy.app} does), so any whole-body
 * buffering fails with OutOfMemoryError instead of passing. This is more robust than sampling heap usage.
 */
class LargeBodyStreamingTest {

    private static final long SIZE = 64L * 1024 * 1024;
    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]+:(\\d+),");

    private static byte patternAt(long offset) {
        return (byte) (offset * 31 + (offset >>> 16));
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void sixtyFourMebibytesStreamThroughAHelperWithA32MebibyteHeap() throws Exception {
        try (var s3 = new FakeHttpServer(ex -> {
                ex.sendResponseHeaders(200, SIZE);
                byte[] chunk = new byte[64 * 1024];
                for (long off = 0; off < SIZE; off += chunk.length) {
                    for (int i = 0; i < chunk.length; i++) {
                        chunk[i] = patternAt(off + i);
                    }
                    ex.getResponseBody().write(chunk);
                }
            });
             var upstream = new FakeHttpServer(ex -> {
                 ex.getResponseHeaders().set("Location", s3.base() + "/bucket/big.parquet?X-Amz-Signature=feed");
                 ex.sendResponseHeaders(307, -1);
             })) {
            Process child = startChild(upstream.base());
            try {
                int port = awaitPort(child);
                long[] received = {0};
                boolean[] intact = {true};
                var response = RawHttpClient.exchange(port, "GET /datalake/big.parquet HTTP/1.1",
                        List.of("Host", "127.0.0.1:" + port, "Authorization", "AWS4-HMAC-SHA256 sig"), new byte[0],
                        (buffer, length) -> {
                            for (int i = 0; i < length; i++) {
                                intact[0] &= buffer[i] == patternAt(received[0] + i);
                            }
                            received[0] += length;
                        });

                assertEquals(200, response.status());
                assertEquals(SIZE, received[0]);
                assertTrue(intact[0], "the streamed bytes differ from the object");
                assertTrue(child.isAlive(), "the helper died (OutOfMemoryError?)");
            } finally {
                child.destroy();
                child.waitFor(20, TimeUnit.SECONDS);
                child.destroyForcibly();
            }
        }
    }

    private static Process startChild(String upstream) throws Exception {
        Path classes = Path.of(LocalProxy.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path testClasses = Path.of(LocalProxyChild.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classes + java.io.File.pathSeparator + testClasses,
                LocalProxyChild.class.getName(), "--listen", "127.0.0.1:0", "--upstream", upstream));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static int awaitPort(Process child) throws Exception {
        var reader = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line = reader.readLine();
        Matcher matcher = LISTENING.matcher(line == null ? "" : line);
        assertTrue(matcher.find(), "unexpected start-up line: " + line);
        return Integer.parseInt(matcher.group(1));
    }
}
