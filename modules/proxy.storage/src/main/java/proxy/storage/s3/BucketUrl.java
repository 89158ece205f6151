package proxy.storage.s3;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import proxy.sigv4.S3UriEncoding;

/**
 * The base URL of one bucket's objects, split once into what each object request needs: the origin
 * ({@code scheme://host[:port]}), the path prefix (encoded, ending in {@code /}) and the {@code Host} header
 * value sent and signed (the port only when it is not the scheme's default).
 *
 * @param url  the bucket's base URL, ending in {@code /}
 * @param host the {@code Host} header of requests to it
 */
record BucketUrl(URI url, String host) {

    BucketUrl {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(host, "host");
        if (url.getRawQuery() != null || url.getRawPath() == null || !url.getRawPath().endsWith("/")) {
            throw new IllegalArgumentException("not a bucket base URL: " + url);
        }
    }

    /** @param url an {@code http} or {@code https} URL ending in {@code /} */
    static BucketUrl of(String url) {
        URI uri = URI.create(url);
        String scheme = Objects.requireNonNull(uri.getScheme(), "scheme").toLowerCase(Locale.ROOT);
        int defaultPort = scheme.equals("https") ? 443 : 80;
        String host = uri.getPort() == -1 || uri.getPort() == defaultPort ? uri.getHost()
                : uri.getHost() + ":" + uri.getPort();
        return new BucketUrl(uri, host);
    }

    /** The encoded path of {@code key}'s object: the bucket's path and the key's segments, each encoded once. */
    String path(String key) {
        return url.getRawPath() + S3UriEncoding.encodePath(key);
    }

    /** The absolute URL of an encoded object path (with a query when one is given). */
    URI resolve(String path, String query) {
        return URI.create(url.getScheme() + "://" + url.getRawAuthority() + path + (query == null ? "" : "?" + query));
    }
}
