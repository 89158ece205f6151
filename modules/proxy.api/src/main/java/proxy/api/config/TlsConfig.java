package proxy.api.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * HTTPS for the S3 endpoint (and, with {@code metrics}, for the metrics server): the server's certificate chain
 * and private key, either as PEM files or as one PKCS#12 keystore. The files are re-read when they change.
 *
 * @param certificate      PEM certificate chain, leaf first (with {@code privateKey})
 * @param privateKey       PEM PKCS#8 private key, RSA or EC, unencrypted (with {@code certificate})
 * @param keystore         PKCS#12 keystore holding one private key entry (instead of the PEM pair)
 * @param keystorePassword the keystore's password (and its key's); empty for none
 * @param reloadSeconds    how often the files' modification times are checked; 0 never re-reads them
 * @param metrics          whether the metrics server ({@code /metrics}, {@code /healthz}, {@code /readyz}) serves
 *                         HTTPS with the same certificate
 */
public record TlsConfig(Optional<Path> certificate, Optional<Path> privateKey, Optional<Path> keystore,
                        Optional<Secret> keystorePassword, int reloadSeconds, boolean metrics) {
    /** The reload interval when none is configured. */
    public static final int DEFAULT_RELOAD_SECONDS = 60;

    public TlsConfig {
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(privateKey, "privateKey");
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(keystorePassword, "keystorePassword");
        if (keystore.isPresent() && (certificate.isPresent() || privateKey.isPresent())) {
            throw new ConfigException("tls.keystore", "give either keystore or certificate + privateKey, not both");
        }
        if (keystore.isEmpty()) {
            if (certificate.isEmpty()) {
                throw new ConfigException("tls.certificate", "is required (or tls.keystore)");
            }
            if (privateKey.isEmpty()) {
                throw new ConfigException("tls.privateKey", "is required with tls.certificate");
            }
            if (keystorePassword.isPresent()) {
                throw new ConfigException("tls.keystorePassword", "applies only to tls.keystore");
            }
        }
        checkAbsolute("tls.certificate", certificate);
        checkAbsolute("tls.privateKey", privateKey);
        checkAbsolute("tls.keystore", keystore);
        if (reloadSeconds < 0 || reloadSeconds > 86_400) {
            throw new ConfigException("tls.reloadSeconds", "must be between 0 and 86400");
        }
    }

    private static void checkAbsolute(String key, Optional<Path> path) {
        if (path.isPresent() && !path.get().isAbsolute()) {
            throw new ConfigException(key, "must be an absolute path");
        }
    }

    /** The files whose changes trigger a reload: the PEM pair or the keystore. */
    public List<Path> files() {
        return keystore.map(List::of).orElseGet(() -> List.of(certificate.get(), privateKey.get()));
    }
}
