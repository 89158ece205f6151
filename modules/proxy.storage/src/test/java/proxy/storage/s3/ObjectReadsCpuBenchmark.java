package proxy.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;
import proxy.api.config.S3BackendConfig;
import proxy.storage.s3.wire.WireClient;
import proxy.testkit.S3Backend;
import proxy.testkit.S3Backends;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpMethod;

/**
 * Not a unit test (no timing is asserted; surefire's default includes skip it): the calling thread's CPU per
 * signed 4 KiB GET and per HEAD, over the SDK's {@code UrlConnectionHttpClient} (before) and over the lean client
 * (after), against S3Proxy in this JVM. Only the calling thread's CPU time is counted
 * ({@link ThreadMXBean#getCurrentThreadCpuTime()}, which includes its system calls), so S3Proxy's threads are not.
 * Run: {@code ./mvnw -o -B -ntp -q -pl modules/proxy.storage -am test -Dtest=ObjectReadsCpuBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false -Dbench.calls=50000 -Dbench.rounds=5}; figures on standard output.
 */
class ObjectReadsCpuBenchmark {

    private static final String KEY = "t/small-4k.parquet";

    @Test
    void cpuPerExchange() throws Exception {
        int calls = Integer.getInteger("bench.calls", 20_000);
        int rounds = Integer.getInteger("bench.rounds", 3);
        try (S3Backend backend = S3Backends.startS3Proxy()) {
            backend.createBucket("lake");
            backend.client().putObject(p -> p.bucket("lake").key(KEY), RequestBody.fromBytes(new byte[4096]));
            var config = new S3BackendConfig(Optional.of(backend.endpoint()), backend.region(), true);
            var credentials = StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(backend.accessKey(), backend.secretKey()));
            var signer = new BackendSigner(credentials, backend.region());
            try (var http = BackendClients.http(config); var client = BackendClients.client(config, credentials, http);
                 var sdk = ObjectRequests.of(client, "lake", url -> ObjectTransport.sdk(http, url), signer);
                 var wire = ObjectRequests.of(client, "lake", url -> ObjectTransport.wire(new WireClient(
                         (SSLSocketFactory) SSLSocketFactory.getDefault(), BackendClients.CONNECT_TIMEOUT,
                         Duration.ofSeconds(60), 256, Duration.ofSeconds(20)), url), signer)) {
                var paths = List.of(sdk, wire);
                var names = List.of("urlconnection", "wire");
                for (var requests : paths) { // warm-up
                    run(requests, SdkHttpMethod.GET, calls);
                    run(requests, SdkHttpMethod.HEAD, calls);
                }
                var figures = new ArrayList<String>();
                for (int r = 0; r < rounds; r++) {
                    for (int i = 0; i < paths.size(); i++) {
                        int p = r % 2 == 0 ? i : paths.size() - 1 - i;
                        for (var method : List.of(SdkHttpMethod.GET, SdkHttpMethod.HEAD)) {
                            double us = run(paths.get(p), method, calls);
                            figures.add(String.format("round=%d client=%s op=%s cpu_us_per_exchange=%.1f", r,
                                    names.get(p), method, us));
                        }
                    }
                }
                figures.forEach(System.out::println);
            }
        }
    }

    /** The calling thread's CPU µs per exchange over {@code calls} exchanges. */
    private static double run(ObjectRequests requests, SdkHttpMethod method, int calls) throws IOException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        byte[] buffer = new byte[64 * 1024];
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
            try (var answer = requests.send(method, KEY, Map.of())) {
                assertEquals(200, answer.status());
                if (answer.body().isPresent()) {
                    var body = answer.body().get();
                    while (body.read(buffer) >= 0) {
                        // consumed
                    }
                }
            }
        }
        return (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / calls;
    }
}
