package proxy.api.storage;

import java.util.Comparator;

/**
 * The order of S3 keys: unsigned UTF-8 byte order, which is Unicode code point order. {@link String#compareTo}
 * compares UTF-16 units instead and puts characters above U+FFFF (emoji) before U+E000..U+FFFF, so no listing,
 * marker or start-after comparison may use it. The one definition for stores, the index and the HTTP layer.
 */
public final class Utf8Order {
    /** Compares two strings by code point, as their UTF-8 bytes compare. */
    public static final Comparator<String> COMPARATOR = Utf8Order::compare;

    private Utf8Order() {
    }

    /** Negative, zero or positive as {@code a} sorts before, equal to or after {@code b} by their UTF-8 bytes. */
    public static int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
