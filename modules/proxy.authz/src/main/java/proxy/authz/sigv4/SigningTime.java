package proxy.authz.sigv4;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** The ISO 8601 basic timestamps of SigV4 ({@code 20240101T120000Z}) and the HTTP {@code Date} fallback. */
final class SigningTime {
    private static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SigningTime() {
    }

    /** Parses an ISO 8601 basic timestamp; empty when malformed. */
    static Optional<Instant> parseBasic(String value) {
        try {
            return Optional.of(Instant.from(BASIC.parse(value)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Parses an RFC 1123 HTTP date; empty when malformed. */
    static Optional<Instant> parseHttpDate(String value) {
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(value.strip())));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The ISO 8601 basic form of an instant, at second precision. */
    static String basic(Instant time) {
        return BASIC.format(time);
    }
}
