package proxy.api;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * IMF-fixdate, the HTTP date every S3 answer carries ({@code Tue, 03 Jun 2008 11:05:30 GMT}, RFC 9110), written and
 * read by hand: a backend's {@code Last-Modified} is read and a client's written on every object answer, and the
 * JDK's {@link DateTimeFormatter} cost ~3 % of a small GET's CPU doing it. {@link #parse} also reads what RFC 1123
 * allows beyond that form, through the JDK's parser.
 */
public final class HttpDate {
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
        "Nov", "Dec"};
    private static final int LENGTH = "Tue, 03 Jun 2008 11:05:30 GMT".length();
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDate() {
    }

    /** The instant (to the second) as an IMF-fixdate; years outside 1–9999 as {@link DateTimeFormatter} writes them. */
    public static String format(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        if (t.getYear() < 1 || t.getYear() > 9999) {
            return IMF_FIXDATE.format(instant);
        }
        var sb = new StringBuilder(LENGTH).append(DAYS[t.getDayOfWeek().getValue() - 1]).append(", ");
        pad(sb, t.getDayOfMonth(), 2).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
        pad(sb, t.getYear(), 4).append(' ');
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        return pad(sb, t.getSecond(), 2).append(" GMT").toString();
    }

    /**
     * An HTTP date as RFC 1123 allows it (an IMF-fixdate, or a one-digit day, no day name, a numeric offset), read
     * after stripping surrounding white space; empty when it is none.
     */
    public static Optional<Instant> parse(String text) {
        String stripped = text.strip();
        Instant exact = parseImfFixdate(stripped);
        if (exact != null) {
            return Optional.of(exact);
        }
        try {
            return Optional.of(Instant.from(DateTimeFormatter.RFC_1123_DATE_TIME.parse(stripped)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * The instant an exact IMF-fixdate names, or null for anything else (another format, a day name that does not
     * match the date, a field out of range).
     */
    public static Instant parseImfFixdate(String text) {
        if (text.length() != LENGTH || !text.startsWith(", ", 3) || text.charAt(7) != ' ' || text.charAt(11) != ' '
                || text.charAt(16) != ' ' || text.charAt(19) != ':' || text.charAt(22) != ':'
                || !text.startsWith(" GMT", 25)) {
            return null;
        }
        int day = number(text, 5, 2);
        int month = month(text);
        int year = number(text, 12, 4);
        int hour = number(text, 17, 2);
        int minute = number(text, 20, 2);
        int second = number(text, 23, 2);
        if (day < 0 || month < 0 || year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        try {
            LocalDate date = LocalDate.of(year, month, day);
            if (!text.startsWith(DAYS[date.getDayOfWeek().getValue() - 1])) {
                return null;
            }
            return date.atTime(hour, minute, second).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException e) { // 31 Apr, 29 Feb of a common year
            return null;
        }
    }

    private static int month(String text) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (text.startsWith(MONTHS[i], 8)) {
                return i + 1;
            }
        }
        return -1;
    }

    /** The ASCII decimal number of {@code digits} characters at {@code from}, -1 when one is not a digit. */
    private static int number(String text, int from, int digits) {
        int n = 0;
        for (int i = from; i < from + digits; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static StringBuilder pad(StringBuilder sb, int value, int digits) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < digits; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
