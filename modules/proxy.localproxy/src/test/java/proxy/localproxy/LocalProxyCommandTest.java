package proxy.localproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The command line of {@code local-proxy}. */
class LocalProxyCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return LocalProxyCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--bogus", "--listen", "--listen=localhost", "--listen=127.0.0.1:70000",
            "--listen=127.0.0.1:http", "--upstream=ftp://proxy:21", "--upstream=http://proxy:18080/base",
            "--upstream=proxy:18080", "--upstream=http://proxy:18080?x=1"})
    void badArgumentExitsWith2AndOneErrorLinePlusUsage(String argument) {
        assertEquals(2, run(argument));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("error: "), text);
        assertTrue(text.lines().skip(1).findFirst().orElse("").startsWith("usage: "), text);
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void repeatedOptionIsRejected() {
        assertEquals(2, run("--upstream", "http://a:1", "--upstream", "http://b:2"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("given twice"));
    }

    @Test
    void helpPrintsUsageAndExitsWith0() {
        assertEquals(0, run("--help"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("usage: delta-s3-proxy local-proxy"), text);
        assertTrue(text.contains("--upstream URL") && text.contains("--listen HOST:PORT"), text);
    }

    @Test
    void listenAddressInUseExitsWith1() throws Exception {
        try (var busy = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertEquals(1, run("--listen", "127.0.0.1:" + busy.getLocalPort(), "--upstream", "http://proxy:18080"));
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("error: cannot start local-proxy"));
        }
    }

    @Test
    void argumentsParseIntoOptionsWithDefaults() {
        var start = assertInstanceOf(LocalProxyArguments.Start.class,
                LocalProxyArguments.parse(List.of("--upstream", "http://proxy:18080")));
        assertEquals("127.0.0.1", start.options().listen().getHostString());
        assertEquals(28080, start.options().listen().getPort());
        assertEquals(URI.create("http://proxy:18080"), start.options().upstream());

        var ipv6 = assertInstanceOf(LocalProxyArguments.Start.class,
                LocalProxyArguments.parse(List.of("--listen=[::1]:9000", "--upstream=http://proxy:18080")));
        assertEquals(9000, ipv6.options().listen().getPort());
        assertFalse(ipv6.options().listensBeyondLoopback());
        assertTrue(LocalProxyArguments.parse(List.of("--listen=0.0.0.0:9000", "--upstream=http://p:1")) instanceof
                LocalProxyArguments.Start s && s.options().listensBeyondLoopback());
    }

    @Test
    void withoutUpstreamTheCommandLineIsRefused() {
        assertEquals(2, run("--listen", "127.0.0.1:0"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--upstream is required"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void optionsRejectANonPositiveConnectTimeout() {
        var listen = LocalProxyOptions.parseListen("127.0.0.1:0");
        assertThrows(IllegalArgumentException.class, () -> new LocalProxyOptions(listen,
                URI.create("http://proxy:18080"), java.time.Duration.ZERO));
    }
}
