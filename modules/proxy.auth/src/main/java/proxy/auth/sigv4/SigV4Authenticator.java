package proxy.auth.sigv4;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.Authentication;
import proxy.api.auth.Authenticator;
import proxy.api.auth.HttpRequestView;
import proxy.api.auth.Principal;
import proxy.api.metrics.ProxyMetrics;
import proxy.auth.credentials.Credential;
import proxy.auth.credentials.CredentialStore;
import proxy.sigv4.CanonicalRequest;
import proxy.sigv4.ChunkSignatureChain;
import proxy.sigv4.SigV4;
import proxy.sigv4.SigningKey;
import proxy.sigv4.SigningKeyCache;

/**
 * Verifies AWS Signature Version 4 as S3 does, in the {@code Authorization} header or a presigned query.
 * Order of checks: which scheme ({@link SignatureSchemes}), the claim's syntax, the credential scope (region,
 * service, date), the clock, the access key, then the signature, compared in constant time. Every failure is
 * counted by its S3 code; no message, log line or metric ever carries a secret or the expected signature.
 */
public final class SigV4Authenticator implements Authenticator {
    private static final System.Logger LOG = System.getLogger(SigV4Authenticator.class.getName());
    /** How far a header signature's time may be from the server clock (S3's rule). */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final int MAX_SIGNING_KEYS = 1_024;
    /** The payload hash prefix of bodies signed chunk by chunk (with or without a signed trailer). */
    private static final String SIGNED_CHUNKS = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD";

    private final CredentialStore credentials;
    private final String region;
    private final Clock clock;
    private final ProxyMetrics metrics;
    private final SigningKeyCache signingKeys;

    /**
     * @param region the region every credential scope must name
     */
    public SigV4Authenticator(CredentialStore credentials, String region, Clock clock, ProxyMetrics metrics) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.signingKeys = new SigningKeyCache(MAX_SIGNING_KEYS, hit -> metrics.cacheAccess("signing-key", hit));
    }

    @Override
    public Principal authenticate(HttpRequestView request) {
        return authenticateRequest(request).principal();
    }

    /**
     * As {@link #authenticate}; a header-signed request whose payload hash is
     * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]} also gets the chain that verifies its chunks.
     */
    @Override
    public Authentication authenticateRequest(HttpRequestView request) {
        Objects.requireNonNull(request, "request");
        try {
            return verify(request, SignatureSchemes.claim(request));
        } catch (S3Exception e) {
            metrics.authenticationFailure(e.code().code());
            throw e;
        }
    }

    private Authentication verify(HttpRequestView request, SignatureClaim claim) {
        CredentialScope scope = claim.scope();
        scope.requireValidFor(region, claim.form());
        if (!scope.date().equals(claim.timestamp().substring(0, 8))) {
            throw claim.form().malformed("Invalid credential date. Date is not the same as X-Amz-Date.");
        }
        checkTime(claim, clock.instant());
        Credential credential = credentials.find(scope.accessKey())
                .orElseThrow(() -> new S3Exception(S3ErrorCode.INVALID_ACCESS_KEY_ID));
        SigningKey key = signingKeys.signingKey(credential.accessKey(), credential.secret().reveal(), scope.date(),
                scope.region(), scope.service());
        byte[] expected = expectedSignature(request, claim, key);
        if (!MessageDigest.isEqual(expected, claim.signature().getBytes(StandardCharsets.UTF_8))) {
            LOG.log(Level.DEBUG, "SignatureDoesNotMatch for access key {0}: {1} {2}, signed headers {3}",
                    scope.accessKey(), request.method(), CanonicalRequest.canonicalUri(request.target().segments()),
                    claim.signedHeaders());
            throw new S3Exception(S3ErrorCode.SIGNATURE_DOES_NOT_MATCH);
        }
        if (!credential.enabled()) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "The access key is disabled");
        }
        var principal = new Principal(credential.principal(), credential.accessKey());
        boolean signedChunks = claim.form() == AuthForm.HEADER
                && claim.payloadHash().startsWith(SIGNED_CHUNKS);
        return new Authentication(principal, signedChunks ? Optional.of(
                new ChunkSignatureChain(key, claim.timestamp(), scope.scope(), claim.signature())) : Optional.empty());
    }

    /** The hex signature the client must have sent; never leaves this class. */
    private static byte[] expectedSignature(HttpRequestView request, SignatureClaim claim, SigningKey key) {
        String canonical = CanonicalRequest.of(request.method(), request.target(), request.headers(),
                claim.signedHeaders(), claim.payloadHash(), claim.form() == AuthForm.QUERY);
        String stringToSign = SigV4.stringToSign(claim.timestamp(), claim.scope().scope(), canonical);
        return key.signatureHex(stringToSign).getBytes(StandardCharsets.US_ASCII);
    }

    private static void checkTime(SignatureClaim claim, Instant now) {
        Instant signed = claim.time();
        if (claim.expires().isEmpty()) {
            if (Duration.between(signed, now).abs().compareTo(MAX_SKEW) > 0) {
                throw new S3Exception(S3ErrorCode.REQUEST_TIME_TOO_SKEWED);
            }
            return;
        }
        if (now.isBefore(signed.minus(MAX_SKEW))) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Request is not valid yet");
        }
        if (now.isAfter(signed.plus(claim.expires().get()))) {
            throw new S3Exception(S3ErrorCode.ACCESS_DENIED, "Request has expired");
        }
    }
}
