package proxy.localproxy;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;

/**
 * Lets the JDK HTTP client send the {@code Host} header the client signed.
 *
 * <p>In endpoint mode the client signs {@code Host: 127.0.0.1:28080} (SigV4 always covers {@code host}) while the
 * helper connects to the upstream; the upstream verifies the signature, so the header must travel unchanged.
 * {@code java.net.http} treats {@code Host} as restricted unless the system property
 * {@code jdk.httpclient.allowRestrictedHeaders} lists it, and reads that property once, when its internal
 * utilities are first initialised. We therefore add {@code host} to the property before the first
 * {@code HttpClient} or {@code HttpRequest} is built, keeping any value already there, and then probe: if some
 * earlier code of the same JVM had already initialised the client, start-up fails with a message naming the JVM
 * flag to use instead. This was preferred to a hand-written HTTP/1.1 client (chunked coding, keep-alive, TLS for
 * redirect targets) or to rewriting the request's authority, which would break the signature.
 */
final class HostHeaderOverride {

    static final String PROPERTY = "jdk.httpclient.allowRestrictedHeaders";

    private HostHeaderOverride() {
    }

    /** @throws IllegalStateException when the HTTP client was initialised before {@code host} could be allowed */
    static void enable() {
        synchronized (HostHeaderOverride.class) {
            String current = System.getProperty(PROPERTY, "").trim();
            boolean listed = Arrays.stream(current.split(",")).map(String::trim).anyMatch("host"::equalsIgnoreCase);
            if (!listed) {
                System.setProperty(PROPERTY, current.isEmpty() ? "host" : current + ",host");
            }
        }
        try {
            HttpRequest.newBuilder(URI.create("http://127.0.0.1/")).header("Host", "probe");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the JDK HTTP client was initialised before local-proxy could allow the"
                    + " Host header; start the JVM with -D" + PROPERTY + "=host", e);
        }
    }
}
