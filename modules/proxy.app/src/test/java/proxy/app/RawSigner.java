package proxy.app;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4 for raw requests, written from the AWS specification: the canonical URI and query take each raw segment
 * and component decoded once and re-encoded with the unreserved set (what S3 and the SDKs sign), so a hostile
 * target that the parser lets through is validly signed and reaches authorization. The target is given as the
 * server reads it (the request line as ISO-8859-1), so raw high bytes are characters U+0080..U+00FF and are signed
 * as those bytes (a client that writes a key's UTF-8 raw signs that key, the AWS way); in the query {@code +} is
 * a space, as S3 reads it.
 */
final class RawSigner {
    static final String UNSIGNED = "UNSIGNED-PAYLOAD";
    private static final DateTimeFormatter BASIC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final String accessKey;
    private final String secret;

    RawSigner(String accessKey, String secret) {
        this.accessKey = accessKey;
        this.secret = secret;
    }

    /** The headers (CRLF-terminated) of a header-signed GET/HEAD, Host included. */
    String headerAuth(String method, String rawPath, String rawQuery, String host, Instant now) {
        String date = BASIC.format(now);
        String canonical = method + "\n" + canonicalUri(rawPath) + "\n" + canonicalQuery(rawQuery, false) + "\n"
                + "host:" + host + "\nx-amz-content-sha256:" + UNSIGNED + "\nx-amz-date:" + date + "\n\n"
                + "host;x-amz-content-sha256;x-amz-date\n" + UNSIGNED;
        String signature = signature(canonical, date);
        return "Host: " + host + "\r\nx-amz-date: " + date + "\r\nx-amz-content-sha256: " + UNSIGNED
                + "\r\nAuthorization: AWS4-HMAC-SHA256 Credential=" + accessKey + "/" + date.substring(0, 8)
                + "/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature="
                + signature + "\r\n";
    }

    /** The raw query of a presigned request: the given raw query plus the X-Amz-* parameters and signature. */
    String presignedQuery(String method, String rawPath, String rawQuery, String host, Instant now) {
        String date = BASIC.format(now);
        String auth = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + accessKey + "%2F" + date.substring(0, 8)
                + "%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=" + date + "&X-Amz-Expires=300&X-Amz-SignedHeaders=host";
        String query = rawQuery.isEmpty() ? auth : rawQuery + "&" + auth;
        String canonical = method + "\n" + canonicalUri(rawPath) + "\n" + canonicalQuery(query, true) + "\n"
                + "host:" + host + "\n\nhost\n" + UNSIGNED;
        return query + "&X-Amz-Signature=" + signature(canonical, date);
    }

    private String signature(String canonical, String date) {
        String scope = date.substring(0, 8) + "/us-east-1/s3/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + date + "\n" + scope + "\n" + HexFormat.of().formatHex(sha256(canonical));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date.substring(0, 8));
        for (String part : List.of("us-east-1", "s3", "aws4_request")) {
            key = hmac(key, part);
        }
        return HexFormat.of().formatHex(hmac(key, toSign));
    }

    static String canonicalUri(String rawPath) {
        if (rawPath.isEmpty()) {
            return "/";
        }
        return java.util.Arrays.stream(rawPath.split("/", -1)).map(RawSigner::canonical)
                .collect(Collectors.joining("/"));
    }

    static String canonicalQuery(String rawQuery, boolean excludeSignature) {
        var pairs = new ArrayList<String[]>();
        for (String piece : rawQuery.isEmpty() ? new String[0] : rawQuery.split("&")) {
            if (piece.isEmpty()) {
                continue;
            }
            int eq = piece.indexOf('=');
            String name = eq < 0 ? piece : piece.substring(0, eq);
            if (excludeSignature && name.equals("X-Amz-Signature")) {
                continue;
            }
            String value = eq < 0 ? "" : piece.substring(eq + 1);
            pairs.add(new String[] {canonical(name.replace("+", "%20")), canonical(value.replace("+", "%20"))});
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        return pairs.stream().map(p -> p[0] + "=" + p[1]).collect(Collectors.joining("&"));
    }

    /** Decodes %XX once (other characters are bytes), re-encodes all but A-Z a-z 0-9 - . _ ~. */
    private static String canonical(String raw) {
        var bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && Character.digit(raw.charAt(i + 1), 16) >= 0
                    && Character.digit(raw.charAt(i + 2), 16) >= 0) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        var sb = new StringBuilder();
        for (byte b : bytes.toByteArray()) {
            int v = b & 0xFF;
            if (v >= 'A' && v <= 'Z' || v >= 'a' && v <= 'z' || v >= '0' && v <= '9' || "-._~".indexOf(v) >= 0) {
                sb.append((char) v);
            } else {
                sb.append('%').append(String.format("%02X", v));
            }
        }
        return sb.toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
