package proxy.app.audit;

import proxy.api.audit.AuditEvent;

/**
 * Formats an {@link AuditEvent} as one line of JSON, by hand: the field set is fixed and flat, so a writer of a
 * few lines is enough and avoids a generator per request. Fields come in a fixed order; absent values are
 * {@code null}, never omitted, so every line has the same shape. Strings are escaped as RFC 8259 requires
 * ({@code "}, {@code \}, and control characters), plus DEL, U+2028/U+2029 and unpaired surrogates as
 * {@code \}{@code uXXXX}, so that a key holding a newline can never split a line; other non-ASCII characters are
 * written as they are (UTF-8).
 */
public final class AuditJson {
    private AuditJson() {
    }

    /** The event as one JSON object followed by {@code \n}. */
    public static String line(AuditEvent event) {
        var out = new StringBuilder(256);
        out.append('{');
        field(out, "time", event.time().toString()).append(',');
        field(out, "requestId", event.requestId()).append(',');
        field(out, "principal", event.principal()).append(',');
        field(out, "operation", event.operation()).append(',');
        field(out, "table", event.table()).append(',');
        field(out, "key", event.key()).append(',');
        field(out, "decision", event.decision().label()).append(',');
        field(out, "reason", event.reason()).append(',');
        out.append("\"status\":").append(event.status()).append(',');
        out.append("\"bytesSent\":").append(event.bytesSent()).append(',');
        out.append("\"durationMillis\":").append(event.durationMillis()).append(',');
        field(out, "mode", event.mode().label()).append(',');
        field(out, "errorCode", event.errorCode()).append(',');
        field(out, "routing", event.routing() == null ? null : event.routing().label());
        if (event.bytesReceived() > 0) {
            out.append(",\"bytesReceived\":").append(event.bytesReceived());
        }
        return out.append("}\n").toString();
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        return string(out, value);
    }

    /** Appends a JSON string literal, or {@code null}. */
    static StringBuilder string(StringBuilder out, String value) {
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < value.length()
                            && Character.isLowSurrogate(value.charAt(i + 1))) {
                        out.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || c == 0x7F || c == '\u2028' || c == '\u2029' || Character.isSurrogate(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"');
    }
}
