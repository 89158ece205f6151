package proxy.app;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.ByteRange;
import proxy.api.storage.Conditions;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectContent;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A read-only store over one table alias of the proxy, as a principal reads it with the AWS SDK, that asks for
 * ranges the way Hadoop S3A does with its default (sequential) input policy: a read at position {@code p} asks for
 * {@code bytes=p-} (up to the end of the object) and then consumes only the bytes it needs; or, with
 * {@code fromStart}, as Delta Kernel 3.x's default engine reads a deletion vector: from byte 0, skipping to
 * {@code p}. Every {@code Range}
 * header sent and {@code Content-Range} answered is recorded. For Delta Kernel through
 * {@code proxy.delta.io.StoreFileIO}.
 */
final class ReadAheadStore implements ObjectStore {
    private final S3Client client;
    private final String bucket;
    private final String alias;
    private final boolean fromStart;
    private final List<String> exchanges = Collections.synchronizedList(new ArrayList<>());

    ReadAheadStore(S3Client client, String bucket, String alias, boolean fromStart) {
        this.fromStart = fromStart;
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.alias = Objects.requireNonNull(alias, "alias");
    }

    /** {@code "<key> <Range sent> -> <Content-Range answered>"} per ranged GET, in order. */
    List<String> exchanges() {
        return List.copyOf(exchanges);
    }

    @Override
    public URI root() {
        return URI.create("s3://" + bucket + "/" + alias + "/");
    }

    @Override
    public ObjectMeta head(String key) {
        try {
            var r = client.headObject(b -> b.bucket(bucket).key(alias + "/" + key));
            return new ObjectMeta(key, r.contentLength(), r.eTag(), r.lastModified(), "application/octet-stream");
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            throw failure(e);
        }
    }

    @Override
    public ObjectContent get(String key, Optional<ByteRange> range, Conditions conditions) {
        Optional<ByteRange> asked = range.map(r -> fromStart ? new ByteRange.From(0) : readAhead(r));
        ResponseInputStream<GetObjectResponse> body;
        try {
            body = client.getObject(b -> b.bucket(bucket).key(alias + "/" + key).range(asked.map(ByteRange::header)
                    .orElse(null)));
        } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
            throw failure(e);
        }
        GetObjectResponse r = body.response();
        asked.ifPresent(a -> exchanges.add(key + " " + a.header() + " -> " + r.contentRange()));
        Optional<ByteRange.Resolved> served = Optional.ofNullable(r.contentRange()).map(ReadAheadStore::parse);
        long total = served.map(ByteRange.Resolved::total).orElse(r.contentLength());
        ObjectMeta meta = new ObjectMeta(key, total, r.eTag(), r.lastModified(), "application/octet-stream");
        long yields = served.map(ByteRange.Resolved::length).orElse(total);
        if (fromStart && range.isPresent()) {
            ByteRange.Resolved wanted = range.get().resolve(total);
            try {
                body.skipNBytes(wanted.first());
            } catch (java.io.IOException e) {
                throw new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "skipping failed: " + e);
            }
            return new ObjectContent(meta, body, yields - wanted.first(), Optional.of(wanted));
        }
        return new ObjectContent(meta, body, yields, served);
    }

    /** What S3A's sequential policy asks for a read starting where the caller's range starts. */
    private static ByteRange readAhead(ByteRange range) {
        return switch (range) {
            case ByteRange.Closed c -> new ByteRange.From(c.first());
            case ByteRange.From f -> f;
            case ByteRange.Suffix s -> s;
        };
    }

    private static ByteRange.Resolved parse(String contentRange) {
        String[] parts = contentRange.substring("bytes ".length()).split("[-/]");
        return new ByteRange.Resolved(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }

    @Override
    public ListPage list(ListQuery query) {
        var r = client.listObjectsV2(b -> b.bucket(bucket).prefix(alias + "/" + query.prefix())
                .delimiter(query.delimiter().orElse(null)).maxKeys(query.maxKeys())
                .startAfter(query.startAfter().map(k -> alias + "/" + k).orElse(null))
                .continuationToken(query.continuationToken().orElse(null)));
        int cut = alias.length() + 1;
        List<ObjectMeta> objects = new ArrayList<>();
        for (S3Object o : r.contents()) {
            objects.add(new ObjectMeta(o.key().substring(cut), o.size(), o.eTag(), o.lastModified(),
                    "application/octet-stream"));
        }
        List<String> prefixes = r.commonPrefixes().stream().map(p -> p.prefix().substring(cut)).toList();
        return new ListPage(objects, prefixes, Optional.ofNullable(r.nextContinuationToken()));
    }

    @Override
    public Optional<URI> presignGet(String key, Duration lifetime) {
        return Optional.empty();
    }

    @Override
    public void close() {
    }

    private static S3Exception failure(software.amazon.awssdk.services.s3.model.S3Exception e) {
        return switch (e.statusCode()) {
            case 404 -> new S3Exception(S3ErrorCode.NO_SUCH_KEY);
            case 403 -> S3Exception.accessDenied();
            default -> new S3Exception(S3ErrorCode.SERVICE_UNAVAILABLE, "proxy answered " + e.statusCode());
        };
    }
}
