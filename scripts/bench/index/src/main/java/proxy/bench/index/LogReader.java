package proxy.bench.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What a Delta reader asks of {@code _delta_log/} on first contact, over HTTP with the AWS SDK v2 (path style,
 * SigV4, the URL-connection client the tests use): a LIST of the whole log (every page), a GET of
 * {@code _last_checkpoint}, a GET of the checkpoint it names, and a GET of every commit after it. Bodies are read
 * to the end and counted. One reader per principal; {@link #close()} closes its client.
 */
final class LogReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final S3Client s3;
    private final String bucket;

    LogReader(URI endpoint, String bucket, String accessKey, String secretKey) {
        this.bucket = bucket;
        this.s3 = S3Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(Duration.ofSeconds(600)))
                .build();
    }

    /** What one snapshot load or listing saw. */
    record Seen(long nanos, int listed, int pages, int gets, long bytes, long checkpointBytes) {
    }

    /** The first snapshot load of a table: LIST, {@code _last_checkpoint}, the checkpoint, the newer commits. */
    Seen snapshotLoad(String alias) throws IOException {
        long start = System.nanoTime();
        String dir = alias + "/_delta_log/";
        Listing listing = list(dir);
        byte[] last = read(dir + "_last_checkpoint");
        long version = JSON.readTree(last).path("version").asLong(-1);
        if (version < 0) {
            throw new IOException("_last_checkpoint names no version: " + new String(last));
        }
        long checkpointBytes = drain(dir + "%020d.checkpoint.parquet".formatted(version));
        long bytes = last.length + checkpointBytes;
        int gets = 2;
        for (String key : listing.keys()) {
            String name = key.substring(dir.length());
            if (name.matches("\\d{20}\\.json") && Long.parseLong(name.substring(0, 20)) > version) {
                bytes += drain(key);
                gets++;
            }
        }
        return new Seen(System.nanoTime() - start, listing.keys().size(), listing.pages(), gets, bytes,
                checkpointBytes);
    }

    /** A LIST of every page of a table's {@code _delta_log/}. */
    Seen listLog(String alias) {
        long start = System.nanoTime();
        Listing listing = list(alias + "/_delta_log/");
        return new Seen(System.nanoTime() - start, listing.keys().size(), listing.pages(), 0, 0, 0);
    }

    private record Listing(List<String> keys, int pages) {
    }

    private Listing list(String prefix) {
        List<String> keys = new ArrayList<>();
        int pages = 0;
        String token = null;
        do {
            ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket)
                    .prefix(prefix).continuationToken(token).build());
            page.contents().stream().map(S3Object::key).forEach(keys::add);
            pages++;
            token = page.isTruncated() ? page.nextContinuationToken() : null;
        } while (token != null);
        return new Listing(keys, pages);
    }

    private byte[] read(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray();
    }

    private long drain(String key) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(bucket).key(key))) {
            return drain(in);
        }
    }

    private static long drain(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        long n = 0;
        for (int r; (r = in.read(buf)) >= 0; ) {
            n += r;
        }
        return n;
    }

    @Override
    public void close() {
        s3.close();
    }
}
