package proxy.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import proxy.api.HttpDate;
import proxy.api.auth.HttpRequestView;
import proxy.api.storage.Conditions;

/** HTTP dates (RFC 1123) and the conditional request headers built from them. */
final class HttpDates {
    private static final DateTimeFormatter RFC_1123 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    /** An instant as an HTTP date (IMF-fixdate), e.g. {@code Tue, 03 Jun 2008 11:05:30 GMT}. */
    static String format(Instant instant) {
        return HttpDate.format(instant);
    }

    /** The conditional headers of a request; a malformed date is ignored, as S3 does. */
    static Conditions conditions(HttpRequestView view) {
        return new Conditions(view.header("if-match").orElse(null), view.header("if-none-match").orElse(null),
                parse(view.header("if-modified-since").orElse(null)),
                parse(view.header("if-unmodified-since").orElse(null)));
    }

    private static Instant parse(String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip();
        Instant exact = HttpDate.parseImfFixdate(text);
        if (exact != null) {
            return exact;
        }
        try {
            return Instant.from(RFC_1123.parse(text));
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
