package proxy.tls;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An {@link SSLContext} whose every engine comes from the context most recently {@linkplain #swap swapped} in.
 * The JDK's {@code HttpsServer} keeps the one context it was configured with; this one lets a reload reach new
 * connections. A whole new context (not only a new key) per reload also means new session-ticket keys (they belong
 * to a context), so a ticket issued before the reload is not accepted after it.
 */
final class SwappableSslContext extends SSLContext {
    private final Delegate delegate;

    private SwappableSslContext(Delegate delegate, SSLContext initial) {
        super(delegate, initial.getProvider(), initial.getProtocol());
        this.delegate = delegate;
    }

    static SwappableSslContext of(SSLContext initial) {
        return new SwappableSslContext(new Delegate(new AtomicReference<>(Objects.requireNonNull(initial))), initial);
    }

    /** New engines (new connections) come from {@code next} from now on; existing connections keep theirs. */
    void swap(SSLContext next) {
        delegate.current.set(Objects.requireNonNull(next));
    }

    private static final class Delegate extends SSLContextSpi {
        private final AtomicReference<SSLContext> current;

        Delegate(AtomicReference<SSLContext> current) {
            this.current = current;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
                throws KeyManagementException {
            throw new KeyManagementException("initialised by ServerCertificate");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return current.get().getSocketFactory();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return current.get().getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            return current.get().createSSLEngine();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            return current.get().createSSLEngine(host, port);
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return current.get().getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return current.get().getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return current.get().getDefaultSSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return current.get().getSupportedSSLParameters();
        }
    }
}
