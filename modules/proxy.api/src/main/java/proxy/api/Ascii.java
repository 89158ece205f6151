package proxy.api;

/**
 * Digits as the S3 wire spells them: ASCII only. The JDK's {@link Character#digit}, {@link Character#isDigit},
 * {@link Long#parseLong} and {@link Integer#parseInt} also take other scripts' digits (fullwidth {@code ４}, Arabic-Indic
 * {@code ٤}) and a leading sign, so every number and escape a client sends is checked here before it is parsed.
 */
public final class Ascii {
    private Ascii() {
    }

    /** The value of an ASCII hex digit, -1 for any other character. */
    public static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    /** Whether {@code text} is one or more ASCII decimal digits and nothing else (no sign, no space). */
    public static boolean isDecimal(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code text} is one or more ASCII hex digits and nothing else. */
    public static boolean isHex(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (hexDigit(text.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }
}
