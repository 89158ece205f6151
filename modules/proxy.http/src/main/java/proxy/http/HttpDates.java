package proxy.http;

import java.time.Instant;
import proxy.api.HttpDate;
import proxy.api.auth.HttpRequestView;
import proxy.api.storage.Conditions;

/** The conditional request headers, their dates read as {@link HttpDate#parse} does. */
final class HttpDates {

    private HttpDates() {
    }

    /** The conditional headers of a request; a malformed date is ignored, as S3 does. */
    static Conditions conditions(HttpRequestView view) {
        return new Conditions(view.header("if-match").orElse(null), view.header("if-none-match").orElse(null),
                parse(view.header("if-modified-since").orElse(null)),
                parse(view.header("if-unmodified-since").orElse(null)));
    }

    private static Instant parse(String value) {
        return value == null ? null : HttpDate.parse(value).orElse(null);
    }
}
