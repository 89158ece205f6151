package proxy.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Signs outgoing requests with SigV4 as S3 expects them: the path as sent (encoded once, never normalised), the
 * payload unsigned ({@code UNSIGNED-PAYLOAD}), either in the {@code Authorization} header or as a presigned query.
 * Signing keys come from a {@link SigningKeyCache}, so a signature costs two hashes and one HMAC.
 */
public final class SigV4Signer {

    /**
     * What to sign with. {@link #toString()} masks the secret and the token.
     *
     * @param sessionToken the token of temporary credentials, signed as {@code X-Amz-Security-Token}
     */
    public record Credentials(String accessKey, String secret, Optional<String> sessionToken) {
        public Credentials {
            Objects.requireNonNull(accessKey, "accessKey");
            Objects.requireNonNull(secret, "secret");
            Objects.requireNonNull(sessionToken, "sessionToken");
        }

        @Override
        public String toString() {
            return "Credentials[accessKey=" + accessKey + ", secret=****, sessionToken="
                    + (sessionToken.isPresent() ? "****" : "none") + "]";
        }
    }

    private static final String SESSION_TOKEN_HEADER = "x-amz-security-token";

    private final String region;
    private final String service;
    private final SigningKeyCache keys;

    public SigV4Signer(String region, String service, SigningKeyCache keys) {
        this.region = Objects.requireNonNull(region, "region");
        this.service = Objects.requireNonNull(service, "service");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Signs a request in its {@code Authorization} header; every given header is signed.
     *
     * @param canonicalUri the path exactly as sent (each segment encoded by {@link S3UriEncoding})
     * @param headers      lower-case header names to values, {@code host} among them
     * @return the headers to add, in this order: {@code x-amz-date}, {@code x-amz-content-sha256}, for temporary
     *         credentials {@code x-amz-security-token}, then {@code authorization}
     */
    public Map<String, String> signHeaders(String method, String canonicalUri, SortedMap<String, String> headers,
                                           Credentials credentials, Instant time) {
        if (!headers.containsKey("host")) {
            throw new IllegalArgumentException("the host header must be signed");
        }
        String timestamp = SigningTime.basic(time);
        var added = new LinkedHashMap<String, String>(8);
        added.put("x-amz-date", timestamp);
        added.put("x-amz-content-sha256", SigV4.UNSIGNED_PAYLOAD);
        credentials.sessionToken().ifPresent(token -> added.put(SESSION_TOKEN_HEADER, token));
        var signed = new TreeMap<String, String>(headers);
        signed.putAll(added);
        var lines = new StringBuilder(256);
        var names = new StringBuilder(64);
        for (var header : signed.entrySet()) {
            lines.append(header.getKey()).append(':');
            CanonicalRequest.appendTrimmed(lines, header.getValue());
            lines.append('\n');
            names.append(names.isEmpty() ? "" : ";").append(header.getKey());
        }
        String canonical = CanonicalRequest.of(method, canonicalUri, "", lines.toString(), names.toString(),
                SigV4.UNSIGNED_PAYLOAD);
        String date = SigningTime.date(timestamp);
        String scope = SigV4.scope(date, region, service);
        String signature = key(credentials, date).signatureHex(SigV4.stringToSign(timestamp, scope, canonical));
        added.put("authorization", SigV4.ALGORITHM + " Credential=" + credentials.accessKey() + '/' + scope
                + ", SignedHeaders=" + names + ", Signature=" + signature);
        return added;
    }

    /**
     * A presigned query string: only {@code host} is signed, valid for {@code lifetime} from {@code time}.
     *
     * @param canonicalUri the path exactly as sent (each segment encoded by {@link S3UriEncoding})
     * @param host         the {@code Host} header the request will carry (with the port unless it is the default)
     * @return the encoded query, {@code X-Amz-Signature} last
     */
    public String presignQuery(String method, String canonicalUri, String host, Credentials credentials,
                               Instant time, Duration lifetime) {
        String timestamp = SigningTime.basic(time);
        String date = SigningTime.date(timestamp);
        String scope = SigV4.scope(date, region, service);
        var query = new StringBuilder(512)
                .append("X-Amz-Algorithm=").append(SigV4.ALGORITHM)
                .append("&X-Amz-Credential=").append(S3UriEncoding.encode(credentials.accessKey() + '/' + scope))
                .append("&X-Amz-Date=").append(timestamp)
                .append("&X-Amz-Expires=").append(lifetime.toSeconds());
        credentials.sessionToken().ifPresent(token -> query.append("&X-Amz-Security-Token=")
                .append(S3UriEncoding.encode(token)));
        query.append("&X-Amz-SignedHeaders=host");
        String canonical = CanonicalRequest.of(method, canonicalUri, query.toString(),
                CanonicalRequest.canonicalHeaders(Map.of("host", List.of(host)), List.of("host")), "host",
                SigV4.UNSIGNED_PAYLOAD);
        String signature = key(credentials, date).signatureHex(SigV4.stringToSign(timestamp, scope, canonical));
        return query.append("&X-Amz-Signature=").append(signature).toString();
    }

    private SigningKey key(Credentials credentials, String date) {
        return keys.signingKey(credentials.accessKey(), credentials.secret(), date, region, service);
    }
}
