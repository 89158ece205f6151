package proxy.storage.s3;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import proxy.sigv4.SigV4Signer;
import proxy.sigv4.SigningKeyCache;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * Signs backend object requests with the proxy's one SigV4 implementation ({@code proxy.sigv4}, the algorithm the
 * verifier checks clients with) as S3 expects them: service {@code s3}, the path as sent (encoded once, never
 * normalised), payload unsigned ({@code UNSIGNED-PAYLOAD}: reads have no body), in the {@code Authorization}
 * header or, for presigned URLs, in the query string. The result is byte for byte what the SDK's signer produces
 * (cross-checked in tests), without recomputing the signing key on every request: keys are cached per access
 * key and day. Resolved credentials are reused for at most {@link #REUSE} and never past their expiry: resolving
 * through the default chain reads the process environment on every call (~2 % of a 307 answer's CPU samples), and
 * rotated credentials (profile, container, instance role) are still picked up within a second.
 */
final class BackendSigner {
    private static final int MAX_SIGNING_KEYS = 16;
    /** How long resolved credentials are reused. */
    static final Duration REUSE = Duration.ofSeconds(1);

    private final AwsCredentialsProvider credentials;
    private final SigV4Signer signer;
    private final Clock clock;
    private volatile Resolved resolved;

    /** Credentials as resolved, usable until {@code until}. */
    private record Resolved(SigV4Signer.Credentials credentials, Instant until) {
    }

    BackendSigner(AwsCredentialsProvider credentials, String region) {
        this(credentials, region, Clock.systemUTC());
    }

    /** For tests: signing time from {@code clock}. */
    BackendSigner(AwsCredentialsProvider credentials, String region, Clock clock) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.signer = new SigV4Signer(region, "s3", new SigningKeyCache(MAX_SIGNING_KEYS, hit -> { }));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The headers to send with a request for {@code path}: {@code headers} and {@code X-Amz-Date},
     * {@code X-Amz-Content-SHA256}, {@code X-Amz-Security-Token} for temporary credentials and
     * {@code Authorization}. Every header is signed, {@code Host: host} included (the transport sends it).
     *
     * @param path the encoded path as sent (no query: object reads have none)
     */
    Map<String, String> signedHeaders(String method, String path, String host, Map<String, String> headers) {
        var signed = new TreeMap<String, String>();
        headers.forEach((name, value) -> signed.put(name.toLowerCase(Locale.ROOT), value));
        signed.put("host", host);
        var all = new LinkedHashMap<String, String>(headers);
        all.putAll(signer.signHeaders(method, path, signed, resolve(), clock.instant()));
        return all;
    }

    /** The query that presigns a GET of {@code path} for {@code lifetime}; only {@code Host: host} is signed. */
    String presignedGetQuery(String path, String host, Duration lifetime) {
        return signer.presignQuery("GET", path, host, resolve(), clock.instant(), lifetime);
    }

    /** The access key the next signature uses (credentials may rotate). */
    String accessKey() {
        return resolve().accessKey();
    }

    private SigV4Signer.Credentials resolve() {
        Instant now = clock.instant();
        Resolved last = resolved;
        if (last != null && now.isBefore(last.until())) {
            return last.credentials();
        }
        AwsCredentialsIdentity identity = credentials.resolveCredentials();
        Optional<String> token = identity instanceof AwsSessionCredentialsIdentity session
                ? Optional.of(session.sessionToken()) : Optional.empty();
        var fresh = new SigV4Signer.Credentials(identity.accessKeyId(), identity.secretAccessKey(), token);
        Instant until = now.plus(REUSE);
        Instant expiry = identity.expirationTime().orElse(until);
        resolved = new Resolved(fresh, expiry.isBefore(until) ? expiry : until);
        return fresh;
    }
}
