package proxy.app;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The crafted requests of {@link HostileRequestsTest}, by class, each with the outcomes its class allows
 * ({@code "<status> <Code>"}, a bare status for successes, {@code JDK400} for the JDK's own answer to a request
 * line it cannot parse, {@code JDK-reset} for a request head it refuses to read to the end). Targets are request targets as they go on the wire, one char per byte (ISO-8859-1).
 *
 * @param allowed  a readable key {@code MIC=XLON/...} of table {@code trades}
 * @param denied   a key of {@code trades} outside the grant ({@code MIC=XETR/...})
 * @param history  a data file of table {@code history} (no grant at all)
 * @param nulls    a data file of {@code nulls_and_escapes} under {@code city=Zürich} (NFC on disk), relative to
 *                 its partition directory
 */
record HostileCorpus(String allowed, String denied, String history, String nulls) {
    /** How a case is authenticated. */
    enum Auth { HEADER, PRESIGNED, NONE, WRONG_SECRET, UNKNOWN_KEY, EXPIRED }

    /** One crafted request. {@code host} is the Host header; null means 127.0.0.1:port. */
    record Case(String cls, String method, String target, String host, Auth auth, Set<String> expected) {
        boolean head() {
            return method.equals("HEAD");
        }
    }

    static final Set<String> URI_ERRORS = Set.of("400 InvalidURI", "404 NoSuchBucket");
    static final Set<String> DENIED = Set.of("403 AccessDenied");
    static final Set<String> DENIED_OR_URI = Set.of("403 AccessDenied", "400 InvalidURI");
    static final Set<String> LISTING = Set.of("200", "400 InvalidArgument");

    /** Every case: object targets as header-signed GET and HEAD and presigned GET; listings as GET both ways. */
    List<Case> cases(String listToken, String rootToken) {
        var out = new ArrayList<Case>();
        objects().forEach(o -> {
            out.add(new Case(o.cls(), "GET", o.target(), o.host(), Auth.HEADER, o.expected()));
            out.add(new Case(o.cls(), "HEAD", o.target(), o.host(), Auth.HEADER, o.expected()));
            out.add(new Case(o.cls(), "GET", o.target(), o.host(), Auth.PRESIGNED, o.expected()));
        });
        listings(listToken, rootToken).forEach(l -> {
            out.add(new Case(l.cls(), "GET", l.target(), l.host(), Auth.HEADER, l.expected()));
            out.add(new Case(l.cls(), "GET", l.target(), l.host(), Auth.PRESIGNED, l.expected()));
        });
        out.addAll(authCases());
        return out;
    }

    private record Target(String cls, String target, String host, Set<String> expected) {
    }

    private static Target t(String cls, String key, Set<String> expected) {
        return new Target(cls, "/datalake/" + key, null, expected);
    }

    private static String enc(String s) {
        return s.replace("/", "%2f");
    }

    /** UTF-8 bytes of {@code s}, one char per byte, as raw (unescaped) bytes on the wire. */
    private static String raw(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private List<Target> objects() {
        String a = allowed;
        String f = denied;
        String h = history;
        String fRest = f.substring("MIC=XETR/".length());
        String aRest = a.substring("MIC=XLON/".length());
        var c = new ArrayList<Target>();
        for (String k : List.of("trades/MIC=XLON/../" + f, "trades/./" + a, "trades/MIC=XLON/./" + aRest,
                "trades/../history/" + h, "../datalake/trades/" + f, "trades/..", "trades/.", "./trades/" + a,
                "trades/MIC=XETR/./" + fRest, "trades/" + a + "/..", "trades/" + a + "/.")) {
            c.add(t("dot-segments", k, URI_ERRORS));
        }
        c.add(new Target("dot-segments", "/../datalake/trades/" + a, null, URI_ERRORS));
        c.add(new Target("dot-segments", "/./datalake/trades/" + f, null, URI_ERRORS));
        for (String k : List.of("trades/MIC=XLON/%2e%2e/" + f, "trades/%2E%2e/history/" + h, "trades/%2e/" + a,
                "trades/MIC=XLON/.%2e/" + f, "trades/MIC=XLON/%2e./" + f, "%2e%2e/history/" + h,
                "trades/MIC=XLON/%2E%2E/" + f, "trades/%2e%2E/%2e%2e/history/" + h, "trades/MIC=XLON/%2e/" + aRest)) {
            c.add(t("encoded-dots", k, URI_ERRORS));
        }
        c.add(new Target("encoded-dots", "/datalake%2f..%2fhistory/" + h, null, URI_ERRORS));
        c.add(new Target("encoded-dots", "/%2e%2e/datalake/trades/" + f, null, URI_ERRORS));
        c.add(t("encoded-slash", "trades%2f" + enc(f), DENIED));
        c.add(t("encoded-slash", "trades%2F" + enc(a), Set.of("200")));
        c.add(t("encoded-slash", "trades%2fMIC=XLON%2f..%2f" + enc(f), Set.of("400 InvalidURI")));
        c.add(t("encoded-slash", "trades/MIC=XLON%2f..%2f" + enc(f), Set.of("400 InvalidURI")));
        c.add(t("encoded-slash", "history%2f" + enc(h), DENIED));
        c.add(t("encoded-slash", "trades%2f%2e%2e%2fhistory%2f" + enc(h), Set.of("400 InvalidURI")));
        c.add(t("encoded-slash", "trades%2f%2f" + enc(a), Set.of("400 InvalidURI")));
        for (String k : List.of("trades/MIC=XLON/..%5c" + f, "trades/MIC=XLON%5c..%5c" + f.replace("/", "%5c"),
                "trades%5c" + a, "%5chistory/" + h, "trades/MIC=XLON/%5c..%5c/" + f)) {
            c.add(t("backslash", k, Set.of("400 InvalidURI")));
        }
        for (String k : List.of("trades\\..\\history\\" + h.replace("/", "\\"), "trades/MIC=XLON/..\\" + f,
                "trades/" + a.replace("/", "\\"))) {
            c.add(t("backslash", k, Set.of("400 InvalidURI", "JDK400")));
        }
        for (String k : List.of("trades/MIC=XLON/%252e%252e/" + f, "trades%252f..%252fhistory%252f" + enc(h),
                "trades/%252e%252e/history/" + h, "trades/MIC=XLON%252f" + aRest, "%252e%252e/history/" + h,
                "trades/MIC=XLON/%25252e%25252e/" + f, "trades/MIC=XLON/%252e%252e%252f" + enc(f))) {
            c.add(t("double-encoding", k, DENIED_OR_URI));
        }
        c.add(t("mixed-encoding", "trades/MIC%3dXETR/" + fRest, DENIED));
        c.add(t("mixed-encoding", "trades/MIC%3DXLON/" + aRest, Set.of("200")));
        c.add(t("mixed-encoding", "tr%61des/" + a, Set.of("200")));
        c.add(t("mixed-encoding", ".%2e/history/" + h, URI_ERRORS));
        c.add(t("mixed-encoding", "trades/%2e./history/" + h, URI_ERRORS));
        c.add(t("mixed-encoding", "trades/MIC=XLON/%2e%2E%2f" + enc(f), URI_ERRORS));
        c.add(t("mixed-encoding", "%74rades%2FMIC%3DXETR%2f" + enc(fRest), DENIED));
        for (String k : List.of("trades/" + a + "%00.parquet", "trades/MIC=XLON/%00/../" + f, "trades/%0a" + a,
                "trades/" + a + "%0d%0aX-Injected:%201", "trades/%09" + a, "trades/%7f" + a, "trades/%1b" + a,
                "history%00/" + h, "trades/" + f + "%00")) {
            c.add(t("control", k, Set.of("400 InvalidURI")));
        }
        for (String k : List.of("trades/\u0001" + a, "trades/\u007f" + a, "trades/\u0000" + a)) {
            c.add(t("control-raw", k, Set.of("400 InvalidURI", "JDK400")));
        }
        for (String k : List.of("trades/MIC=XLON/%c0%ae%c0%ae/" + f, "trades/%c0%ae%c0%ae%c0%afhistory/" + h,
                "trades/MIC=XLON/%e0%80%ae%e0%80%ae/" + f, "%c0%ae%c0%ae/history/" + h, "trades%c0%af" + enc(f),
                "trades/%f0%80%80%ae%f0%80%80%ae/history/" + h, "trades/MIC=XLON/\u00c0\u00ae\u00c0\u00ae/" + f)) {
            c.add(t("overlong-utf8", k, Set.of("400 InvalidURI")));
        }
        for (String k : List.of("trades/%ff/" + a, "trades/%c3/" + a, "trades/%ed%a0%80/" + a, "trades/%80" + a,
                "trades/MIC=XLON/%fe%ff")) {
            c.add(t("invalid-utf8", k, Set.of("400 InvalidURI")));
        }
        for (String k : List.of("trades/\u00ff" + a, "trades/%2", "trades/%zz" + a, "trades/%%32%65")) {
            c.add(t("invalid-escape", k, Set.of("400 InvalidURI", "JDK400")));
        }
        for (String k : List.of("trades/MIC=XLON/%EF%BC%8E%EF%BC%8E%EF%BC%8F" + f,
                "trades/%EF%BC%8E%EF%BC%8E/history/" + h, "trades%EF%BC%8F" + f,
                "trades/MIC=XLON/%E2%80%A4%E2%80%A4/" + f, "trades%E2%88%95" + f, "trades/MIC=XLON/%E2%88%95..%E2%88%95" + f,
                "trades%E2%81%84" + f, "trades/MIC=XLON/%E2%80%A5/" + f,
                "trades/MIC=%EF%BC%B8LON/" + aRest, "trades/mic=xlon/" + aRest, "TRADES/" + a,
                "trades/%EF%BC%8FMIC=XLON%EF%BC%8F" + aRest.replace("/", "%EF%BC%8F"))) {
            c.add(t("lookalike", k, DENIED));
        }
        c.add(t("lookalike", "trades%EF%BC%8FMIC=XLON%EF%BC%8F" + aRest.replace("/", "%EF%BC%8F"),
                Set.of("404 NoSuchKey")));
        c.add(t("lookalike", "trades/" + raw("．．／") + f, Set.of("403 AccessDenied", "JDK400")));
        c.add(t("noncharacter", "trades/MIC=XLON/%EF%BF%BE" + aRest, Set.of("400 InvalidURI")));
        for (String k : List.of("nulls_and_escapes/city=Z%C3%BCrich/" + nulls, "nulls_and_escapes/city=Zu%CC%88rich/" + nulls,
                "nulls_and_escapes/city=Z" + raw("ü") + "rich/" + nulls, "trades/MIC=XLO%CC%88N/" + aRest)) {
            c.add(t("normalization", k, DENIED));
        }
        for (String k : List.of("trades//" + a, "trades/MIC=XLON//" + aRest, "/trades/" + a, "trades/" + a + "//",
                "trades///history/" + h)) {
            c.add(t("empty-segments", k, URI_ERRORS));
        }
        c.add(new Target("empty-segments", "//datalake/trades/" + a, null, URI_ERRORS));
        c.add(t("empty-segments", "trades/MIC=XLON/", Set.of("404 NoSuchKey")));
        for (String k : List.of("trades/../history/" + h, "trades%2f..%2fhistory%2f" + enc(h),
                "trades/%2e%2e/history/" + h, "trades/MIC=XLON/../../history/" + h,
                "trades/_delta_log/../../history/_delta_log/00000000000000000000.json",
                "trades/_delta_log/%2e%2e/MIC=XETR/" + fRest, "trades/_delta_log/..%2f" + enc(f))) {
            c.add(t("alias-escape", k, Set.of("400 InvalidURI")));
        }
        for (String k : List.of("history/" + h, "history/_delta_log/00000000000000000000.json",
                "nulls_and_escapes/_delta_log/00000000000000000000.json", "_delta_log/00000000000000000000.json",
                "trades_s3/" + a, "colmap/_delta_log/00000000000000000000.json", "trades/MIC=XETR/" + fRest)) {
            c.add(t("alias-escape", k, DENIED));
        }
        c.add(t("long-key", "trades/MIC=XLON/" + "a".repeat(1100), Set.of("400 KeyTooLongError")));
        c.add(t("long-key", "trades/" + "%2e%2e/".repeat(400) + "history/" + h, Set.of("400 KeyTooLongError")));
        c.add(t("long-key", "trades/" + "%C3%A9".repeat(600), Set.of("400 KeyTooLongError")));
        c.add(t("long-key", "trades/MIC=XLON/" + "b".repeat(1024 - "trades/MIC=XLON/".length()), DENIED));
        c.add(t("long-key", "trades/MIC=XLON/" + "b".repeat(1025 - "trades/MIC=XLON/".length()),
                Set.of("400 KeyTooLongError")));
        c.add(t("long-key", "trades/" + "x/".repeat(4000) + a, Set.of("400 KeyTooLongError")));
        c.add(t("head-get", "trades/" + a, Set.of("200")));
        c.add(t("head-get", "trades/" + f, DENIED));
        c.add(t("head-get", "trades/MIC=XLON/date=2024-01-01/part-00000-not-indexed.parquet", DENIED));
        c.add(t("head-get", "trades/_delta_log/00000000000000000000.json", Set.of("200")));
        c.add(t("head-get", "trades/_delta_log/99999999999999999999.json", Set.of("404 NoSuchKey")));
        c.add(t("head-get", "trades", Set.of("404 NoSuchKey")));
        c.add(t("head-get", "trades/" + a + "?acl", Set.of("501 NotImplemented")));
        c.add(t("head-get", "trades/" + f + "?versionId=1", Set.of("501 NotImplemented")));
        c.addAll(virtualHosts(a, f, h));
        return c;
    }

    private static List<Target> virtualHosts(String a, String f, String h) {
        var c = new ArrayList<Target>();
        c.add(new Target("virtual-host", "/trades/" + a, "datalake.evil", Set.of("200")));
        c.add(new Target("virtual-host", "/trades/" + f, "datalake.evil", DENIED));
        c.add(new Target("virtual-host", "/history/" + h, "datalake.evil", DENIED));
        c.add(new Target("virtual-host", "/trades/" + f, "DATALAKE.evil", DENIED));
        c.add(new Target("virtual-host", "/../history/" + h, "datalake.localhost", URI_ERRORS));
        c.add(new Target("virtual-host", "/trades/%2e%2e/history/" + h, "datalake.x", URI_ERRORS));
        c.add(new Target("virtual-host", "/trades/" + f, "history.datalake.local", Set.of("404 NoSuchBucket")));
        c.add(new Target("virtual-host", "/datalake/history/" + h, "history.datalake.local", DENIED));
        c.add(new Target("virtual-host", "/trades/" + a, "datalake", Set.of("404 NoSuchBucket")));
        c.add(new Target("virtual-host", "/datalake/trades/" + f, "evil.datalake.x", DENIED));
        c.add(new Target("virtual-host", "/datalake/trades/" + a, "trades.datalake.evil", Set.of("200")));
        c.add(new Target("virtual-host", "http://127.0.0.1/datalake/trades/" + a, null, Set.of("200")));
        var twoHosts = Set.of("403 SignatureDoesNotMatch", "403 AccessDenied", "404 NoSuchBucket", "JDK400");
        c.add(new Target("virtual-host", "/history/" + h, "datalake.evil\r\nHost: 127.0.0.1", twoHosts));
        c.add(new Target("virtual-host", "/datalake/history/" + h, "127.0.0.1\r\nHost: datalake.evil", twoHosts));
        c.add(new Target("virtual-host", "http://datalake.evil/history/" + h, "datalake.evil", DENIED));
        c.add(new Target("virtual-host", "http://evil/datalake/trades/../history/" + h, null, URI_ERRORS));
        c.add(new Target("virtual-host", "http://datalake.evil/datalake/trades/" + f, "datalake.evil", DENIED));
        return c;
    }

    private List<Target> listings(String token, String rootToken) {
        var c = new ArrayList<Target>();
        for (String q : List.of("list-type=2&prefix=trades%2F", "list-type=2&prefix=history%2F",
                "list-type=2&prefix=trades%2F..%2Fhistory%2F", "list-type=2&prefix=trades%2F%2e%2e%2Fhistory%2F",
                "list-type=2&prefix=..%2F", "list-type=2&prefix=%2e%2e", "list-type=2&prefix=trades%5C",
                "list-type=2&prefix=trades%2F%00", "prefix=trades%2F&prefix=history%2F&list-type=2",
                "prefix=history%2F&prefix=trades%2F&list-type=2", "list-type=2&list-type=1", "list-type=1&list-type=2",
                "list-type=3", "list-type=2&max-keys=-1", "list-type=2&max-keys=99999999999999",
                "list-type=2&max-keys=1&max-keys=1000&prefix=trades%2F", "list-type=2&delimiter=%2F&prefix=trades%2FMIC%3DX",
                "list-type=2&start-after=trades%2FMIC%3DXETR", "list-type=2&continuation-token=forged",
                "list-type=2&continuation-token=AAAA.BBBB", "list-type=2&encoding-type=url&prefix=trades%2F",
                "list-type=2&delimiter=%00&prefix=trades%2F", "list-type=2&delimiter=%EF%BF%BF&prefix=trades%2F",
                "list-type=2&start-after=%01", "list-type=2&prefix=trades%2F%EF%BF%BE", "marker=%1b&prefix=trades%2F",
                "list-type=2&start-after=trades%2F%EF%BF%BF", "list-type=2&delimiter=%0d%0a", "marker=trades%2FMIC%3DXETR%2F&prefix=trades%2F",
                "list-type=2&prefix=nulls_and_escapes%2Fcity%3DZu%CC%88rich", "list-type=2&prefix=%ff",
                "list-type=2&prefix=trades%2F&prefix", "list-type=2&prefix=trades%2F%2F",
                "list-type=2&prefix=%2Ftrades%2F", "list-type=2&prefix=trades%EF%BC%8F",
                "list-type=2&prefix=trades%2F_delta_log%2F..%2F", "list-type=2&delimiter=MIC&prefix=trades%2F",
                "list-type=2&prefix=" + "a".repeat(2000), "list-type=2&prefix=trades%2F&x=" + "y".repeat(10_000),
                "list-type=2&prefix=trades%2F&x=" + "y".repeat(60_000), "list-type=2&encoding-type=base64",
                "list-type=2&continuation-token=" + token + "&prefix=history%2F",
                "list-type=2&continuation-token=" + token, "list-type=2&continuation-token=" + tamper(token)
                        + "&prefix=trades%2F", "list-type=2&continuation-token=" + rootToken + "&prefix=trades%2F",
                "list-type=2&continuation-token=" + token + "&prefix=trades%2F&delimiter=%2F")) {
            c.add(new Target("listing", "/datalake?" + q, null, LISTING));
        }
        c.add(new Target("listing", "/datalake/?list-type=2&prefix=trades%2F", null, LISTING));
        c.add(new Target("long-query", "/datalake?list-type=2&prefix=trades%2F&x=" + "z".repeat(1 << 20), null,
                Set.of("200", "JDK400", "JDK413", "JDK431", "JDK-reset")));
        c.add(new Target("listing", "/datalake?list-type=2&prefix=trades%2F&continuation-token=" + token, null,
                Set.of("200")));
        c.add(new Target("listing", "/datalake?list-type=2&prefix=%zz", null, Set.of("400 InvalidArgument", "JDK400")));
        c.add(new Target("listing", "/datalake?acl", null, Set.of("501 NotImplemented")));
        c.add(new Target("listing", "/datalake?versions&prefix=history%2F", null, Set.of("501 NotImplemented")));
        c.add(new Target("listing", "/datalake?location", null, Set.of("200")));
        c.add(new Target("listing", "/?list-type=2&prefix=history%2F", null, Set.of("200")));
        c.add(new Target("listing", "/history?list-type=2", null, Set.of("404 NoSuchBucket")));
        return c;
    }

    /** A token with one character of its MAC changed. */
    private static String tamper(String token) {
        char last = token.charAt(token.length() - 1);
        return token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A');
    }

    private List<Case> authCases() {
        var c = new ArrayList<Case>();
        var auths = List.of(Auth.NONE, Auth.WRONG_SECRET, Auth.UNKNOWN_KEY, Auth.EXPIRED);
        var refused = Set.of("403 AccessDenied", "403 SignatureDoesNotMatch", "403 InvalidAccessKeyId");
        for (String key : List.of("trades/" + allowed, "trades/" + denied, "history/" + history)) {
            for (Auth auth : auths) {
                c.add(new Case("auth", "GET", "/datalake/" + key, null, auth, refused));
                c.add(new Case("auth", "HEAD", "/datalake/" + key, null, auth, refused));
            }
        }
        for (Auth auth : auths) {
            c.add(new Case("auth", "GET", "/datalake?list-type=2&prefix=trades%2F", null, auth, refused));
        }
        return c;
    }
}
