import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;

/**
 * The ceiling of the 307 case for the proxy's HTTP server: com.sun.net.httpserver on virtual threads (as the proxy
 * runs it) answering every request with a constant 307, no work at all. Run with the proxy's jvm.options so that
 * the server flags match. Usage: {@code java NoopRedirect.java PORT LOCATION}
 */
public final class NoopRedirect {
    public static void main(String[] args) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0])), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().close();
            exchange.getResponseHeaders().set("Location", args[1]);
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.start();
    }
}
