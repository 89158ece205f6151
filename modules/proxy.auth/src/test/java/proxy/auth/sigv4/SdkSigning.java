package proxy.auth.sigv4;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import proxy.api.auth.HttpRequestView;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.utils.http.SdkHttpUtils;
import proxy.sigv4.CanonicalRequest;
import proxy.sigv4.S3UriEncoding;

/**
 * The test oracle: requests signed by the AWS SDK's own SigV4 signer (configured as the S3 client configures
 * it: no double encoding, no path normalisation) and URLs presigned by its S3Presigner, turned into the
 * {@link HttpRequestView} the proxy's server would build from the wire.
 */
final class SdkSigning {
    static final String HOST = "localhost";
    static final int PORT = 18080;

    private SdkSigning() {
    }

    /** An unsigned GET request of a key in bucket {@code datalake}, path encoded as the S3 client encodes it. */
    static SdkHttpFullRequest.Builder get(String key) {
        return SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).protocol("http").host(HOST).port(PORT)
                .encodedPath("/datalake/" + SdkHttpUtils.urlEncodeIgnoreSlashes(key));
    }

    /** Signs in the Authorization header. */
    static HttpRequestView signHeader(SdkHttpFullRequest request, String accessKey, String secret, String region,
                                      Clock clock, boolean signPayload) {
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(accessKey, secret))
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, signPayload)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        return view(signed.request());
    }

    /** Presigns with the signer itself, so the signing time follows the given clock. */
    static HttpRequestView presign(SdkHttpFullRequest request, String accessKey, String secret, String region,
                                   Clock clock, Duration expires) {
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(accessKey, secret))
                .request(request)
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expires)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        return view(signed.request());
    }

    /** A GetObject URL from the SDK's S3Presigner (path style, system clock), as a request to the proxy. */
    static HttpRequestView presignWithS3Presigner(String key, String accessKey, String secret, Duration expires) {
        try (S3Presigner presigner = S3Presigner.builder()
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secret)))
                .endpointOverride(URI.create("http://" + HOST + ":" + PORT))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true).build())
                .build()) {
            URI url = presigner.presignGetObject(p -> p.signatureDuration(expires)
                    .getObjectRequest(g -> g.bucket("datalake").key(key))).url().toURI();
            return new HttpRequestView("GET", url.getRawPath(), url.getRawQuery(),
                    Map.of("host", List.of(url.getHost() + ":" + url.getPort())));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request as the proxy's server sees it: raw path and query, lower-case header names. */
    static HttpRequestView view(SdkHttpRequest request) {
        var headers = new HashMap<String, List<String>>();
        request.headers().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
        headers.putIfAbsent("host", List.of(HOST + ":" + PORT));
        return new HttpRequestView(request.method().name(), request.encodedPath(),
                request.encodedQueryParameters().orElse(""), headers);
    }

    /** A copy of a view with one header replaced (or added). */
    static HttpRequestView withHeader(HttpRequestView view, String name, String value) {
        var headers = new HashMap<>(view.headers());
        headers.put(name, List.of(value));
        return new HttpRequestView(view.method(), view.target(), headers);
    }

    /** A copy of a view without a header. */
    static HttpRequestView withoutHeader(HttpRequestView view, String name) {
        var headers = new HashMap<>(view.headers());
        headers.remove(name);
        return new HttpRequestView(view.method(), view.target(), headers);
    }

    /** The path as the SDK puts it on the wire: each decoded segment encoded as SigV4 encodes it. */
    static String rawPath(HttpRequestView view) {
        return CanonicalRequest.canonicalUri(view.target().segments());
    }

    /** The query as the SDK puts it on the wire: encoded pairs in arrival order. */
    static String rawQuery(HttpRequestView view) {
        return view.target().query().stream()
                .map(p -> S3UriEncoding.encode(p.name()) + "=" + S3UriEncoding.encode(p.value()))
                .collect(java.util.stream.Collectors.joining("&"));
    }

    /** A copy of a view with another raw path or query. */
    static HttpRequestView withTarget(HttpRequestView view, String rawPath, String rawQuery) {
        return new HttpRequestView(view.method(), rawPath, rawQuery, view.headers());
    }
}
