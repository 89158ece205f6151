package proxy.app.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import proxy.api.audit.AuditEvent;
import proxy.api.audit.AuditLog;
import proxy.api.config.AuditConfig;
import proxy.api.config.ConfigException;

/**
 * The audit log as JSON lines ({@link AuditJson}) on a stream. It lives in proxy.app, which owns the destinations
 * and their lifecycle (opening the file at startup, closing it after the server stopped); proxy.http only emits
 * {@link AuditEvent}s and stays free of output concerns.
 *
 * <p>Each line is written with one {@code write} under a lock and flushed at once: no buffering, so a crash loses
 * no recorded request and concurrent lines never interleave. A file is opened for append ({@code O_APPEND}), so
 * lines of several processes or a rotation by copy-truncate stay whole. A failing write is logged (once until
 * writing works again) and never fails the request.
 */
public final class JsonLinesAuditLog implements AuditLog, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JsonLinesAuditLog.class.getName());

    private final OutputStream out;
    private final boolean owned;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private boolean failing;
    private boolean closed;

    /**
     * @param out   where lines go
     * @param owned whether {@link #close()} closes {@code out} (a file) or leaves it open (standard output)
     * @param name  the destination, for log messages
     */
    public JsonLinesAuditLog(OutputStream out, boolean owned, String name) {
        this.out = Objects.requireNonNull(out, "out");
        this.owned = owned;
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Opens the configured destination ({@link AuditLog#OFF} for {@code off}) and logs it. The caller closes the
     * returned log when it is {@link AutoCloseable}, after the server stopped.
     *
     * @throws ConfigException naming {@code audit.destination} when the file cannot be opened for append
     */
    public static AuditLog open(AuditConfig config, PrintStream stdout, PrintStream stderr) {
        AuditLog log = switch (config.destination()) {
            case "off" -> AuditLog.OFF;
            case "stdout" -> new JsonLinesAuditLog(stdout, false, "standard output");
            case "stderr" -> new JsonLinesAuditLog(stderr, false, "standard error");
            default -> file(config.file().orElseThrow());
        };
        LOG.log(Level.INFO, "audit log: {0}", log instanceof JsonLinesAuditLog lines ? lines.name : "off");
        return log;
    }

    private static JsonLinesAuditLog file(Path file) {
        try {
            var stream = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.WRITE);
            return new JsonLinesAuditLog(stream, true, file.toString());
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("audit.destination", "cannot open " + file + " for append: " + e.getMessage());
        }
    }

    @Override
    public void record(AuditEvent event) {
        byte[] line = AuditJson.line(event).getBytes(StandardCharsets.UTF_8);
        lock.lock();
        try {
            if (closed) {
                return;
            }
            out.write(line);
            out.flush();
            if (out instanceof PrintStream print && print.checkError()) {
                throw new IOException("the stream reported an error");
            }
            failing = false;
        } catch (IOException | RuntimeException e) {
            if (!failing) {
                LOG.log(Level.WARNING, "writing the audit log to " + name + " failed: " + e.getMessage());
            }
            failing = true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops writing; closes the file (standard output and error stay open). Idempotent. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            out.flush();
            if (owned) {
                out.close();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the audit log " + name + " failed: " + e.getMessage());
        } finally {
            lock.unlock();
        }
    }
}
