import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The ceiling of the small-request cases for the proxy's HTTP server: com.sun.net.httpserver on virtual threads (as
 * the proxy runs it) doing no work at all. {@code /redirect307} answers a constant 307; {@code /get4k} a constant
 * 4 KiB body (HEAD: its headers), with the headers a proxied object answer carries. Run with the proxy's
 * jvm.options so that the server flags match. Usage: {@code java NoopRedirect.java PORT LOCATION}
 */
public final class NoopRedirect {
    private static final byte[] BODY = new byte[4096];

    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/redirect307", exchange -> {
            exchange.getRequestBody().close();
            exchange.getResponseHeaders().set("Location", args[1]);
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.createContext("/get4k", NoopRedirect::object);
        server.start();
    }

    private static void object(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().close();
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", "application/octet-stream");
        headers.set("ETag", "\"0f343b0931126a20f133d67c2b018a3b\"");
        headers.set("Last-Modified", "Mon, 07 Dec 2026 08:00:00 GMT");
        headers.set("Accept-Ranges", "bytes");
        headers.set("x-amz-request-id", "0123456789ABCDEF");
        if (exchange.getRequestMethod().equals("HEAD")) {
            headers.set("Content-Length", Integer.toString(BODY.length));
            exchange.sendResponseHeaders(200, -1);
        } else {
            exchange.sendResponseHeaders(200, BODY.length);
            exchange.getResponseBody().write(BODY);
        }
        exchange.close();
    }
}
