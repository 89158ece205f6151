package proxy.storage.s3;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import proxy.sigv4.S3UriEncoding;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * GET, HEAD and presigned GET URLs of one bucket's objects, sent straight over the SDK's HTTP client and signed by
 * {@link BackendSigner}, without the S3 client's request pipeline: profiling showed that pipeline (endpoint rules,
 * interceptors, marshalling, metrics) costing more than the HTTP exchange itself on every small read. The
 * bucket's base URL is still the SDK's: resolved once, by {@link S3Client#utilities()}, from the same endpoint,
 * region and path-style settings as the client. No call is retried: the proxy's client sees the backend's
 * answer at once and retries with its own policy, instead of waiting through ours.
 */
final class ObjectRequests {

    private static final String PROBE_KEY = "probe";
    private static final int ERROR_DOCUMENT_LIMIT = 16 * 1024;
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]{1,128})</Code>");

    private final String bucketUrl;
    private final SdkHttpClient http;
    private final BackendSigner signer;

    private ObjectRequests(String bucketUrl, SdkHttpClient http, BackendSigner signer) {
        this.bucketUrl = bucketUrl;
        this.http = http;
        this.signer = signer;
    }

    /** Requests to {@code bucket} at the base URL {@code client} resolves for it. */
    static ObjectRequests of(S3Client client, String bucket, SdkHttpClient http, BackendSigner signer) {
        String probe = client.utilities().getUrl(b -> b.bucket(bucket).key(PROBE_KEY)).toString();
        if (!probe.endsWith("/" + PROBE_KEY)) {
            throw new IllegalStateException("unexpected object URL for bucket " + bucket + ": " + probe);
        }
        return new ObjectRequests(probe.substring(0, probe.length() - PROBE_KEY.length()), http,
                Objects.requireNonNull(signer, "signer"));
    }

    /**
     * A backend answer. Closing it closes the body, which hands a fully read connection back to the keep-alive
     * cache; {@link #abort()} drops the connection instead (a body left unread).
     */
    record Answer(SdkHttpResponse response, Optional<AbortableInputStream> body) implements AutoCloseable {

        String header(String name) {
            return response.firstMatchingHeader(name).orElse(null);
        }

        /** The {@code Code} of the error document in the body, null if none could be read (bounded read). */
        String errorCode() {
            if (body.isEmpty()) {
                return null;
            }
            try {
                String text = new String(body.get().readNBytes(ERROR_DOCUMENT_LIMIT), StandardCharsets.UTF_8);
                Matcher m = ERROR_CODE.matcher(text);
                return m.find() ? m.group(1) : null;
            } catch (IOException e) {
                return null;
            }
        }

        void abort() {
            body.ifPresent(AbortableInputStream::abort);
        }

        @Override
        public void close() {
            try {
                if (body.isPresent()) {
                    body.get().close();
                }
            } catch (IOException e) {
                abort();
            }
        }
    }

    /**
     * Sends a signed request for {@code key}.
     *
     * @param headers request headers (range, conditions), signed with the request
     * @throws IOException when no answer came (refused, timed out, reset)
     */
    Answer send(SdkHttpMethod method, String key, Map<String, String> headers) throws IOException {
        SdkHttpRequest signed = signer.signed(request(method, key, headers));
        var response = http.prepareRequest(HttpExecuteRequest.builder().request(signed).build()).call();
        return new Answer(response.httpResponse(), response.responseBody());
    }

    /** A GET URL of {@code key} that needs no credentials for {@code lifetime}. */
    URI presignedGet(String key, Duration lifetime) {
        return signer.presigned(request(SdkHttpMethod.GET, key, Map.of()), lifetime);
    }

    private SdkHttpRequest request(SdkHttpMethod method, String key, Map<String, String> headers) {
        var builder = SdkHttpRequest.builder().method(method)
                .uri(URI.create(bucketUrl + S3UriEncoding.encodePath(key)));
        headers.forEach(builder::putHeader);
        return builder.build();
    }
}
