package proxy.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The selector relay between a client and a server, on real loopback sockets (no HTTP involved). */
class SocketRelayTest {
    private final ServerSocket target = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    private final ServerSocketChannel front = ServerSocketChannel.open()
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    private final SocketRelay relay = new SocketRelay((InetSocketAddress) target.getLocalSocketAddress(), 2, "test-relay");
    private final AtomicInteger ended = new AtomicInteger();
    private final CountDownLatch endedOnce = new CountDownLatch(1);

    SocketRelayTest() throws IOException {
    }

    @AfterEach
    void close() throws IOException {
        relay.close();
        target.close();
        front.close();
    }

    /** Connects a client through the relay; the server's side of it is returned by {@code server.accept()}. */
    private Socket client(byte[] first) throws IOException {
        var client = new Socket();
        client.connect(front.getLocalAddress());
        client.getOutputStream().write(first);
        SocketChannel accepted = front.accept();
        byte[] head = new byte[first.length];
        assertEquals(first.length, accepted.socket().getInputStream().readNBytes(head, 0, head.length));
        relay.relay(accepted, head, head.length, () -> {
            ended.incrementAndGet();
            endedOnce.countDown();
        });
        return client;
    }

    @Test
    void aLargeAnswerReachesASlowReaderWhole() throws Exception {
        byte[] body = new byte[8 << 20];
        new Random(7).nextBytes(body);
        var serverSide = new AtomicReference<Socket>();
        Thread server = Thread.ofVirtual().start(() -> {
            try (Socket s = target.accept()) {
                serverSide.set(s);
                byte[] request = s.getInputStream().readNBytes(5);
                assertEquals("hello", new String(request));
                s.getOutputStream().write(body);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        try (Socket client = client("hel".getBytes())) {
            client.getOutputStream().write("lo".getBytes());
            InputStream in = client.getInputStream();
            byte[] received = new byte[body.length];
            int at = 0;
            while (at < received.length) {
                int n = in.read(received, at, Math.min(8192, received.length - at));
                assertTrue(n > 0, "the answer ended after " + at + " bytes");
                at += n;
                if (at < 1 << 20) {
                    Thread.sleep(1); // slower than the server: the relay must hold the rest, not drop it
                }
            }
            assertArrayEquals(body, received);
            server.join();
            assertEquals(-1, in.read(), "the server closed, so the client is closed too");
        }
        assertTrue(endedOnce.await(5, TimeUnit.SECONDS));
        assertEquals(1, ended.get());
    }

    @Test
    void theClientsEndOfInputReachesTheServerWhichStillAnswers() throws Exception {
        Thread server = Thread.ofVirtual().start(() -> {
            try (Socket s = target.accept()) {
                byte[] all = s.getInputStream().readAllBytes(); // until the client's half-close arrives
                s.getOutputStream().write(("got " + all.length).getBytes());
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        try (Socket client = client("abc".getBytes())) {
            client.getOutputStream().write("def".getBytes());
            client.shutdownOutput();
            assertEquals("got 6", new String(client.getInputStream().readAllBytes()));
        }
        server.join();
        assertTrue(endedOnce.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aServerResetReachesTheClientAsAReset() throws Exception {
        Thread server = Thread.ofVirtual().start(() -> {
            try (Socket s = target.accept()) {
                s.getInputStream().readNBytes(1);
                s.getOutputStream().write("partial".getBytes());
                s.setSoLinger(true, 0); // abort: the client must not see a clean end
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        try (Socket client = client("x".getBytes())) {
            server.join();
            InputStream in = client.getInputStream();
            client.setSoTimeout(5_000);
            assertThrows(SocketException.class, () -> {
                while (in.read() >= 0) {
                    // the bytes sent before the reset may or may not arrive; the end must be an error
                }
            });
        }
        assertTrue(endedOnce.await(5, TimeUnit.SECONDS));
    }
}
