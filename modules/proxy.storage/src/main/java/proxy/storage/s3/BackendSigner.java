package proxy.storage.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner.AuthLocation;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Signs backend object requests with the SDK's SigV4 signer as S3 expects them: service {@code s3}, the path
 * neither normalized nor encoded twice, payload unsigned ({@code UNSIGNED-PAYLOAD}: reads have no body), in the
 * {@code Authorization} header or, for presigned URLs, in the query string. Credentials are resolved on every
 * signature, so rotated credentials (profile, container, instance role) are picked up as the SDK client does.
 */
final class BackendSigner {

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsProvider credentials;
    private final String region;

    BackendSigner(AwsCredentialsProvider credentials, String region) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.region = Objects.requireNonNull(region, "region");
    }

    /** The request with its {@code Authorization}, {@code X-Amz-Date} and {@code X-Amz-Content-SHA256} headers. */
    SdkHttpRequest signed(SdkHttpRequest request) {
        return signer.sign(properties(request).build()).request();
    }

    /** The URL of the request with the signature in its query, valid for {@code lifetime}. */
    URI presigned(SdkHttpRequest request, Duration lifetime) {
        return signer.sign(properties(request)
                .putProperty(AwsV4HttpSigner.AUTH_LOCATION, AuthLocation.QUERY_STRING)
                .putProperty(AwsV4HttpSigner.EXPIRATION_DURATION, lifetime)
                .build()).request().getUri();
    }

    private SignRequest.Builder<AwsCredentialsIdentity> properties(SdkHttpRequest request) {
        return SignRequest.builder((AwsCredentialsIdentity) credentials.resolveCredentials())
                .request(request)
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(AwsV4HttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4HttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false);
    }
}
