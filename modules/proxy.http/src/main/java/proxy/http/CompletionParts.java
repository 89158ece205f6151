package proxy.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/**
 * The parts a {@code CompleteMultipartUpload} body lists ({@code <Part><PartNumber>n</PartNumber><ETag>..</ETag>
 * </Part>}, other elements such as checksums ignored), in ascending part-number order.
 */
final class CompletionParts {
    private static final Pattern ROOT = Pattern.compile(
            "\\s*(<\\?xml[^>]*\\?>)?\\s*<CompleteMultipartUpload(\\s[^>]*)?>(.*)</CompleteMultipartUpload>\\s*",
            Pattern.DOTALL);
    private static final Pattern PART = Pattern.compile("<Part>(.*?)</Part>", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("<PartNumber>\\s*(\\d{1,5})\\s*</PartNumber>");
    private static final Pattern ETAG = Pattern.compile("<ETag>\\s*([^<]*?)\\s*</ETag>");

    /** A part the client asks to assemble: its number and entity tag (quotes removed, entities decoded). */
    record Requested(int number, String etag) {
    }

    private CompletionParts() {
    }

    /**
     * The requested parts.
     *
     * @throws S3Exception MalformedXML, InvalidPartOrder
     */
    static List<Requested> parse(byte[] body) {
        Matcher root = ROOT.matcher(new String(body, StandardCharsets.UTF_8));
        if (!root.matches()) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        List<Requested> parts = new ArrayList<>();
        Matcher part = PART.matcher(root.group(3));
        while (part.find()) {
            Matcher number = NUMBER.matcher(part.group(1));
            Matcher etag = ETAG.matcher(part.group(1));
            if (!number.find() || !etag.find()) {
                throw new S3Exception(S3ErrorCode.MALFORMED_XML);
            }
            int n = Integer.parseInt(number.group(1));
            if (n < 1 || n > 10_000) {
                throw new S3Exception(S3ErrorCode.MALFORMED_XML);
            }
            if (!parts.isEmpty() && parts.getLast().number() >= n) {
                throw new S3Exception(S3ErrorCode.INVALID_PART_ORDER);
            }
            parts.add(new Requested(n, unquote(etag.group(1))));
        }
        if (parts.isEmpty()) {
            throw new S3Exception(S3ErrorCode.MALFORMED_XML);
        }
        return parts;
    }

    /** An entity tag without its quotes (sent as {@code "x"} or {@code &quot;x&quot;}). */
    static String unquote(String etag) {
        return etag.replace("&quot;", "\"").replace("&#34;", "\"").replace("\"", "").strip();
    }
}
