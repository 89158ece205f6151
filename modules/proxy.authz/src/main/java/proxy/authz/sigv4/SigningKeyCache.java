package proxy.authz.sigv4;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import proxy.api.config.Secret;
import proxy.api.metrics.ProxyMetrics;
import proxy.authz.credentials.Credential;

/**
 * Derived SigV4 signing keys, per (access key, date, region, service), in a small LRU map. An entry remembers
 * the secret it was derived from, so a key whose secret changed in the database is derived afresh.
 */
final class SigningKeyCache {
    private static final int MAX_ENTRIES = 1_024;

    private record CacheKey(String accessKey, String date, String region, String service) {
    }

    private record Derived(Secret secret, byte[] signingKey) {
    }

    private final ProxyMetrics metrics;
    private final Map<CacheKey, Derived> entries = new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<CacheKey, Derived> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    SigningKeyCache(ProxyMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /** The signing key of a credential for a scope; the caller must not modify the array. */
    byte[] signingKey(Credential credential, CredentialScope scope) {
        var key = new CacheKey(credential.accessKey(), scope.date(), scope.region(), scope.service());
        Derived entry;
        synchronized (entries) {
            entry = entries.get(key);
        }
        boolean hit = entry != null && entry.secret().equals(credential.secret());
        metrics.cacheAccess("signing-key", hit);
        if (hit) {
            return entry.signingKey();
        }
        byte[] derived = derive(credential.secret(), scope);
        synchronized (entries) {
            entries.put(key, new Derived(credential.secret(), derived));
        }
        return derived;
    }

    private static byte[] derive(Secret secret, CredentialScope scope) {
        byte[] k = hmac(("AWS4" + secret.reveal()).getBytes(StandardCharsets.UTF_8), scope.date());
        k = hmac(k, scope.region());
        k = hmac(k, scope.service());
        return hmac(k, scope.terminator());
    }

    /** HMAC-SHA256 of UTF-8 text. */
    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable", e);
        }
    }
}
