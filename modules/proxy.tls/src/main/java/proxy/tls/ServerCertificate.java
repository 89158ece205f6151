package proxy.tls;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import proxy.api.config.ConfigException;
import proxy.api.config.TlsConfig;

/**
 * A listener's TLS certificate, re-read when its files change. Every {@code reloadSeconds} the files' modification
 * times and sizes are compared with those of the last attempt; on a change the files are loaded and, when the key
 * matches the certificate, a new {@link SSLContext} serves every new handshake. A file that does not load (half
 * written, key and certificate out of step, wrong password) is logged and the previous certificate stays in
 * service; the next change is tried again. Connections already open keep the certificate they were opened with.
 */
public final class ServerCertificate implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(ServerCertificate.class.getName());

    private final TlsConfig config;
    private final String purpose;
    private final SwappableSslContext context;
    private final ScheduledExecutorService poller;
    private volatile ServerCredentials current;
    private List<String> stamps;

    private ServerCertificate(TlsConfig config, String purpose, List<String> stamps, ServerCredentials credentials)
            throws GeneralSecurityException, IOException {
        this.config = config;
        this.purpose = purpose;
        this.stamps = stamps;
        this.current = credentials;
        this.context = SwappableSslContext.of(sslContext(credentials));
        if (config.reloadSeconds() > 0) {
            poller = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().daemon().name("tls-reload-" + purpose.replace(' ', '-')).factory());
            poller.scheduleWithFixedDelay(this::reloadIfChanged, config.reloadSeconds(), config.reloadSeconds(),
                    TimeUnit.SECONDS);
        } else {
            poller = null;
        }
    }

    /**
     * Loads the certificate and, when {@code reloadSeconds > 0}, starts watching its files.
     *
     * @param purpose what the certificate serves, for log lines ({@code "S3 endpoint"})
     * @throws ConfigException naming {@code tls.certificate} or {@code tls.keystore} when the files do not load
     */
    public static ServerCertificate open(TlsConfig config, String purpose) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(purpose, "purpose");
        List<String> stamps = stamps(config.files());
        try {
            ServerCredentials credentials = CredentialFiles.load(config);
            var certificate = new ServerCertificate(config, purpose, stamps, credentials);
            LOG.log(Level.INFO, "TLS for the {0}: {1}", purpose, credentials.describe());
            warnIfExpiring(purpose, credentials);
            return certificate;
        } catch (IOException | GeneralSecurityException e) {
            throw new ConfigException(config.keystore().isPresent() ? "tls.keystore" : "tls.certificate",
                    "cannot load the TLS certificate for the " + purpose + ": " + reason(e));
        }
    }

    /** The context to configure an {@code HttpsServer} with; it always hands out the current certificate. */
    public SSLContext sslContext() {
        return context;
    }

    /** The leaf certificate new handshakes present. */
    public X509Certificate certificate() {
        return current.leaf();
    }

    /**
     * Reloads when a file's modification time or size changed since the last attempt.
     *
     * @return whether a new certificate is now in service
     */
    synchronized boolean reloadIfChanged() {
        List<String> now = stamps(config.files());
        if (now.equals(stamps)) {
            return false;
        }
        stamps = now;
        try {
            ServerCredentials next = CredentialFiles.load(config);
            context.swap(sslContext(next));
            current = next;
            LOG.log(Level.INFO, "TLS certificate for the {0} reloaded: {1}", purpose, next.describe());
            warnIfExpiring(purpose, next);
            return true;
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.log(Level.WARNING, "TLS certificate for the {0} changed on disk but was not reloaded, still serving"
                    + " serial {1}: {2}", purpose, current.leaf().getSerialNumber().toString(16), reason(e));
            return false;
        }
    }

    /** Stops watching the files; the context keeps serving the last certificate. */
    @Override
    public void close() {
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    private static SSLContext sslContext(ServerCredentials credentials) throws GeneralSecurityException, IOException {
        char[] password = UUID.randomUUID().toString().toCharArray(); // protects an in-memory copy only
        var store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", credentials.key(), password,
                credentials.chain().toArray(new X509Certificate[0]));
        var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(store, password);
        var context = SSLContext.getInstance("TLS");
        context.init(keyManagers.getKeyManagers(), null, null);
        return context;
    }

    /** Modification time and size of each file ({@code missing} when it cannot be read). */
    private static List<String> stamps(List<Path> files) {
        var stamps = new ArrayList<String>();
        for (Path file : files) {
            try {
                stamps.add(Files.getLastModifiedTime(file) + "/" + Files.size(file));
            } catch (IOException e) {
                stamps.add("missing");
            }
        }
        return stamps;
    }

    private static void warnIfExpiring(String purpose, ServerCredentials credentials) {
        Instant notAfter = credentials.leaf().getNotAfter().toInstant();
        if (notAfter.isBefore(Instant.now().plus(Duration.ofDays(14)))) {
            LOG.log(Level.WARNING, "the TLS certificate for the {0} expires at {1}", purpose, notAfter);
        }
    }

    private static String reason(Exception e) {
        if (e instanceof GeneralSecurityException && e.getMessage() != null) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
