package proxy.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * GET, HEAD and presigned GET URLs of one bucket's objects, signed by {@link BackendSigner} and sent over an
 * {@link ObjectTransport} (the lean keep-alive client, or the SDK's HTTP client behind a forward proxy), without
 * the S3 client's request pipeline: profiling showed that pipeline (endpoint rules,
 * interceptors, marshalling, metrics) costing more than the HTTP exchange itself on every small read. The
 * bucket's base URL is still the SDK's: resolved once, by {@link S3Client#utilities()}, from the same endpoint,
 * region and path-style settings as the client. No call is retried: the proxy's client sees the backend's
 * answer at once and retries with its own policy, instead of waiting through ours.
 */
final class ObjectRequests implements AutoCloseable {

    private static final String PROBE_KEY = "probe";
    private static final int ERROR_DOCUMENT_LIMIT = 16 * 1024;
    private static final Pattern ERROR_CODE = Pattern.compile("<Code>([^<]{1,128})</Code>");

    private final BucketUrl bucket;
    private final ObjectTransport transport;
    private final BackendSigner signer;

    private ObjectRequests(BucketUrl bucket, ObjectTransport transport, BackendSigner signer) {
        this.bucket = bucket;
        this.transport = transport;
        this.signer = signer;
    }

    /**
     * Requests to {@code bucket} at the base URL {@code client} resolves for it, sent over the transport
     * {@code transport} makes for that URL; closing the requests closes the transport.
     */
    static ObjectRequests of(S3Client client, String bucket, Function<BucketUrl, ObjectTransport> transport,
            BackendSigner signer) {
        String probe = client.utilities().getUrl(b -> b.bucket(bucket).key(PROBE_KEY)).toString();
        if (!probe.endsWith("/" + PROBE_KEY)) {
            throw new IllegalStateException("unexpected object URL for bucket " + bucket + ": " + probe);
        }
        BucketUrl url = BucketUrl.of(probe.substring(0, probe.length() - PROBE_KEY.length()));
        return new ObjectRequests(url, transport.apply(url), Objects.requireNonNull(signer, "signer"));
    }

    @Override
    public void close() {
        transport.close();
    }

    /**
     * A backend answer, whichever client read it. Closing it closes the body, which hands a fully read connection
     * back for reuse; {@link #abort()} drops the connection instead (a body left unread).
     */
    interface Answer extends AutoCloseable {
        int status();

        /** The first value of header {@code name} (any case), or null. */
        String header(String name);

        /** The body; empty when the answer has none (HEAD, 304). */
        Optional<InputStream> body();

        void abort();

        @Override
        void close();

        /** The {@code Code} of the error document in the body, null if none could be read (bounded read). */
        default String errorCode() {
            if (body().isEmpty()) {
                return null;
            }
            try {
                String text = new String(body().get().readNBytes(ERROR_DOCUMENT_LIMIT), StandardCharsets.UTF_8);
                Matcher m = ERROR_CODE.matcher(text);
                return m.find() ? m.group(1) : null;
            } catch (IOException e) {
                return null;
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
        String path = bucket.path(key);
        return transport.send(method.name(), path, signer.signedHeaders(method.name(), path, bucket.host(), headers));
    }

    /** A GET URL of {@code key} that needs no credentials for {@code lifetime}. */
    URI presignedGet(String key, Duration lifetime) {
        String path = bucket.path(key);
        return bucket.resolve(path, signer.presignedGetQuery(path, bucket.host(), lifetime));
    }
}
