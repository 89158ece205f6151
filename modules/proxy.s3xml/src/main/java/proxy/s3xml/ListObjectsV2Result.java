package proxy.s3xml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of a ListObjectsV2 answer ({@code ListBucketResult}). {@code KeyCount} is the number of contents plus
 * common prefixes. With {@code urlEncoded}, Key, Prefix, Delimiter and StartAfter values are URL-encoded and
 * {@code EncodingType} is {@code url}.
 */
public record ListObjectsV2Result(String name, String prefix, Optional<String> delimiter, int maxKeys,
                                  boolean truncated, Optional<String> continuationToken,
                                  Optional<String> nextContinuationToken, Optional<String> startAfter,
                                  boolean urlEncoded, List<ObjectEntry> contents, List<String> commonPrefixes) {
    public ListObjectsV2Result {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(delimiter, "delimiter");
        Objects.requireNonNull(continuationToken, "continuationToken");
        Objects.requireNonNull(nextContinuationToken, "nextContinuationToken");
        Objects.requireNonNull(startAfter, "startAfter");
        contents = List.copyOf(contents);
        commonPrefixes = List.copyOf(commonPrefixes);
    }

    /** The number of keys and common prefixes in this page. */
    public int keyCount() {
        return contents.size() + commonPrefixes.size();
    }
}
