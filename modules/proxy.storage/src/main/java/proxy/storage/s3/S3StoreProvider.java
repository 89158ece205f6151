package proxy.storage.s3;

import java.util.Objects;
import java.util.function.Supplier;
import proxy.api.storage.ObjectStore;
import proxy.api.storage.ObjectStoreProvider;
import proxy.api.storage.StoreContext;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;

/**
 * The {@code s3} store: a table root such as {@code s3://bucket/prefix} served by an S3-compatible backend
 * through the AWS SDK v2, with endpoint, region and path style from {@code s3.*} in the configuration and
 * credentials from the AWS default chain (environment, system properties, profile, container, instance role).
 * Each opened store owns its own client and presigner and closes them.
 *
 * <p>Connection reuse: object reads (GET, HEAD) pool their own connections ({@link ObjectTransport}). The SDK
 * client (listings, writes, and object reads behind a forward proxy) runs on {@link java.net.HttpURLConnection},
 * whose JVM-wide keep-alive cache keeps only 5 idle connections per host unless the system property
 * {@code http.maxConnections} is raised; the launcher sets it (read once, when the JDK's HTTP client first
 * loads).
 */
public final class S3StoreProvider implements ObjectStoreProvider {

    private final Supplier<AwsCredentialsProvider> credentials;

    /** The provider {@link java.util.ServiceLoader} instantiates: credentials from the default chain. */
    public S3StoreProvider() {
        this(() -> DefaultCredentialsProvider.builder().build());
    }

    /** For tests: credentials from the given source instead of the default chain. */
    S3StoreProvider(Supplier<AwsCredentialsProvider> credentials) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    @Override
    public String name() {
        return "s3";
    }

    /**
     * @throws proxy.api.config.ConfigException naming {@code tableMapping.<alias>} when the root is not
     *                                          {@code s3://bucket[/prefix]}
     */
    @Override
    public ObjectStore create(StoreContext context) {
        S3Location location = S3Location.parse(context.alias(), context.root());
        return new S3Store(context.root(), location, context.config().backend().s3(), credentials.get(), context.metrics());
    }
}
