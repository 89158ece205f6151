package proxy.api.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the audit log goes: one JSON line per S3 request.
 *
 * @param destination {@code stdout} (default: the server's own log is on standard error, so standard output is a
 *                    clean JSON-lines stream), {@code stderr}, {@code off}, or {@code file:/path/audit.log}
 *                    (appended to)
 */
public record AuditConfig(String destination) {
    /** JSON lines on standard output. */
    public static final AuditConfig DEFAULT = new AuditConfig("stdout");

    private static final String FILE = "file:";

    public AuditConfig {
        Objects.requireNonNull(destination, "destination");
        boolean named = destination.equals("stdout") || destination.equals("stderr") || destination.equals("off");
        if (!named && !(destination.startsWith(FILE) && destination.length() > FILE.length())) {
            throw new ConfigException("audit.destination", "must be stdout, stderr, off or file:/path/audit.log");
        }
        if (!named && !absolute(destination.substring(FILE.length()))) {
            throw new ConfigException("audit.destination", "a file destination must be an absolute path");
        }
    }

    private static boolean absolute(String path) {
        try {
            return Path.of(path).isAbsolute();
        } catch (InvalidPathException e) {
            return false;
        }
    }

    /** The file to append to, for a {@code file:} destination. */
    public Optional<Path> file() {
        return destination.startsWith(FILE) ? Optional.of(Path.of(destination.substring(FILE.length())))
                : Optional.empty();
    }
}
