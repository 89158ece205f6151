package proxy.storage.s3;

import java.io.IOException;
import java.io.InputStream;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import proxy.api.config.S3BackendConfig;
import proxy.storage.s3.wire.Origin;
import proxy.storage.s3.wire.WireClient;
import proxy.storage.s3.wire.WireResponse;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;

/**
 * How a signed object request (GET, HEAD) reaches the backend: over the lean keep-alive client
 * ({@link WireClient}, one per store), or, when the JVM would send the backend's traffic through a forward
 * proxy, over the SDK's HTTP client as before, which knows how to talk to proxies. The choice is made once, when
 * the store opens.
 */
interface ObjectTransport extends AutoCloseable {

    /** Idle backend connections kept per host, as {@code http.maxConnections} in the image's JVM options. */
    int MAX_IDLE_CONNECTIONS = 256;
    /** S3 closes connections idle for ~20 s: one idle that long is closed rather than reused. */
    Duration MAX_IDLE_TIME = Duration.ofSeconds(20);

    /**
     * Sends a bodiless request for the encoded {@code path} with the signed {@code headers} ({@code Host} is the
     * bucket URL's, which the signature covers).
     *
     * @throws IOException when no answer came (refused, timed out, reset, malformed)
     */
    ObjectRequests.Answer send(String method, String path, Map<String, String> headers) throws IOException;

    /** Closes what the transport owns (not the SDK client, which the store closes). */
    @Override
    void close();

    /**
     * The transport for object reads at {@code bucketUrl}: the SDK's when a forward proxy would be used (the
     * SDK's own proxy settings from system properties or environment, or the JVM's default proxy selector),
     * else the lean client.
     */
    static ObjectTransport forBucket(BucketUrl bucket, S3BackendConfig config, SdkHttpClient http) {
        if (proxied(bucket.url(), ProxySelector.getDefault(), ProxyConfiguration.builder().build().host())) {
            System.getLogger(ObjectTransport.class.getName()).log(System.Logger.Level.INFO,
                    "object reads of {0} go through the SDK''s HTTP client: a forward proxy is configured",
                    bucket.url());
            return sdk(http, bucket);
        }
        return wire(new WireClient((SSLSocketFactory) SSLSocketFactory.getDefault(), BackendClients.CONNECT_TIMEOUT,
                Duration.ofSeconds(config.readTimeoutSeconds()), MAX_IDLE_CONNECTIONS, MAX_IDLE_TIME), bucket);
    }

    /**
     * @param selector the JVM's proxy selector (may be null)
     * @param sdkProxyHost the proxy host the SDK's HTTP client resolved from its settings, or null
     */
    static boolean proxied(URI bucketUrl, ProxySelector selector, String sdkProxyHost) {
        if (sdkProxyHost != null && !sdkProxyHost.isBlank()) {
            return true;
        }
        List<Proxy> proxies = selector == null ? List.of() : selector.select(bucketUrl);
        return !proxies.isEmpty() && proxies.getFirst().type() != Proxy.Type.DIRECT;
    }

    /** Over the SDK's client ({@code HttpURLConnection}); closing the transport leaves the client open. */
    static ObjectTransport sdk(SdkHttpClient http, BucketUrl bucket) {
        return new ObjectTransport() {
            @Override
            public ObjectRequests.Answer send(String method, String path, Map<String, String> headers)
                    throws IOException {
                var request = SdkHttpRequest.builder().method(SdkHttpMethod.fromValue(method))
                        .uri(bucket.resolve(path, null));
                headers.forEach(request::putHeader);
                var response = http.prepareRequest(HttpExecuteRequest.builder().request(request.build()).build())
                        .call();
                return new SdkAnswer(response.httpResponse(), response.responseBody());
            }

            @Override
            public void close() {
            }
        };
    }

    /** Over {@code client}, which closing the transport closes. */
    static ObjectTransport wire(WireClient client, BucketUrl bucket) {
        Origin origin = Origin.of(bucket.url());
        return new ObjectTransport() {
            @Override
            public ObjectRequests.Answer send(String method, String path, Map<String, String> headers)
                    throws IOException {
                return new WireAnswer(client.send(origin, method, path, bucket.host(), headers));
            }

            @Override
            public void close() {
                client.close();
            }
        };
    }

    /** An answer read by the SDK's client. */
    record SdkAnswer(SdkHttpResponse response, Optional<AbortableInputStream> stream) implements ObjectRequests.Answer {
        @Override
        public int status() {
            return response.statusCode();
        }

        @Override
        public String header(String name) {
            return response.firstMatchingHeader(name).orElse(null);
        }

        @Override
        public Optional<InputStream> body() {
            return stream.map(InputStream.class::cast);
        }

        @Override
        public void abort() {
            stream.ifPresent(AbortableInputStream::abort);
        }

        @Override
        public void close() {
            try {
                if (stream.isPresent()) {
                    stream.get().close();
                }
            } catch (IOException e) {
                abort();
            }
        }
    }

    /** An answer read by the lean client. */
    record WireAnswer(WireResponse response) implements ObjectRequests.Answer {
        @Override
        public int status() {
            return response.status();
        }

        @Override
        public String header(String name) {
            return response.header(name);
        }

        @Override
        public Optional<InputStream> body() {
            return response.body();
        }

        @Override
        public void abort() {
            response.abort();
        }

        @Override
        public void close() {
            response.close();
        }
    }
}
