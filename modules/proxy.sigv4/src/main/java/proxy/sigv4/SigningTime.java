package proxy.sigv4;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import proxy.api.HttpDate;

/** The ISO 8601 basic timestamps of SigV4 ({@code 20240101T120000Z}) and the HTTP {@code Date} fallback. */
public final class SigningTime {
    private static final DateTimeFormatter BASIC =
            DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private SigningTime() {
    }

    /**
     * Parses an ISO 8601 basic timestamp; empty when malformed. Read by hand rather than with {@link #BASIC}: it
     * runs on every signed request, and the formatter's generic parsing cost 2 % of a 307 answer's CPU.
     */
    public static Optional<Instant> parseBasic(String value) {
        if (value.length() != 16 || value.charAt(8) != 'T' || value.charAt(15) != 'Z') {
            return Optional.empty();
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 4, 6);
        int day = digits(value, 6, 8);
        int hour = digits(value, 9, 11);
        int minute = digits(value, 11, 13);
        int second = digits(value, 13, 15);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    /** The number the ASCII digits at [from, to) spell, or -1 when one is not a digit. */
    private static int digits(String value, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /** Parses an RFC 1123 HTTP date; empty when malformed. */
    public static Optional<Instant> parseHttpDate(String value) {
        return HttpDate.parse(value);
    }

    /** The ISO 8601 basic form of an instant, at second precision (formatted by hand: it runs on every signature). */
    public static String basic(Instant time) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(time.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return BASIC.format(time);
        }
        var sb = new StringBuilder(16);
        pad(sb, t.getYear(), 4);
        pad(sb, t.getMonthValue(), 2);
        pad(sb, t.getDayOfMonth(), 2);
        sb.append('T');
        pad(sb, t.getHour(), 2);
        pad(sb, t.getMinute(), 2);
        pad(sb, t.getSecond(), 2);
        return sb.append('Z').toString();
    }

    private static void pad(StringBuilder sb, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(digits);
    }

    /** The date of a basic timestamp ({@code yyyyMMdd}), the first component of a credential scope. */
    public static String date(String basicTimestamp) {
        return basicTimestamp.substring(0, 8);
    }
}
