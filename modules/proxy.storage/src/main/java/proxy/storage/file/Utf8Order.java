package proxy.storage.file;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;

/**
 * S3's key order: unsigned byte order of the UTF-8 encodings. It differs from {@link String#compareTo} (UTF-16
 * code units) for characters above U+FFFF against U+E000..U+FFFF.
 */
final class Utf8Order {

    /** Compares two keys by their UTF-8 bytes. */
    static final Comparator<String> KEYS = Utf8Order::compare;

    private Utf8Order() {
    }

    static int compare(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
