package proxy.storage.s3.wire;

/** RFC 9110 token characters (header names, methods). */
final class Tokens {
    private static final String SPECIALS = "!#$%&'*+-.^_`|~";

    private Tokens() {
    }

    static boolean isTokenChar(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                || (c < 0x7F && c > ' ' && SPECIALS.indexOf(c) >= 0);
    }
}
