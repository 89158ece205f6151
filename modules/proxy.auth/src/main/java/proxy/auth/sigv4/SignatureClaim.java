package proxy.auth.sigv4;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request claims about its SigV4 signature, parsed but not yet verified.
 *
 * @param form          header or presigned query
 * @param scope         the credential scope
 * @param signedHeaders the lower-case signed header names, in the order the client listed them
 * @param signature     the signature the client sent (hex)
 * @param timestamp     the signing time in ISO 8601 basic form, as used in the string to sign
 * @param time          the signing time
 * @param payloadHash   the last line of the canonical request
 * @param expires       the presigned lifetime; empty for header signatures
 */
record SignatureClaim(AuthForm form, CredentialScope scope, List<String> signedHeaders, String signature,
                      String timestamp, Instant time, String payloadHash, Optional<Duration> expires) {
    SignatureClaim {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(scope, "scope");
        signedHeaders = List.copyOf(signedHeaders);
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(payloadHash, "payloadHash");
        Objects.requireNonNull(expires, "expires");
    }

    /**
     * Parses a {@code SignedHeaders} list: lower-case names separated by {@code ;}, {@code host} among them.
     *
     * @throws proxy.api.S3Exception the form's malformed error
     */
    static List<String> signedHeaders(String list, AuthForm form) {
        List<String> names = List.of(list.split(";", -1));
        for (String name : names) {
            if (name.isEmpty() || !name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
                throw form.malformed("SignedHeaders must be lower-case header names separated by ';'.");
            }
        }
        if (!names.contains("host")) {
            throw form.malformed("SignedHeaders must include 'host'.");
        }
        return names;
    }
}
