package proxy.s3xml;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of a ListObjects (version 1) answer ({@code ListBucketResult}). With {@code urlEncoded}, Key, Prefix,
 * Delimiter, Marker and NextMarker values are URL-encoded and {@code EncodingType} is {@code url}.
 */
public record ListObjectsV1Result(String name, String prefix, String marker, Optional<String> nextMarker,
                                  Optional<String> delimiter, int maxKeys, boolean truncated, boolean urlEncoded,
                                  List<ObjectEntry> contents, List<String> commonPrefixes) {
    public ListObjectsV1Result {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(marker, "marker");
        Objects.requireNonNull(nextMarker, "nextMarker");
        Objects.requireNonNull(delimiter, "delimiter");
        contents = List.copyOf(contents);
        commonPrefixes = List.copyOf(commonPrefixes);
    }
}
