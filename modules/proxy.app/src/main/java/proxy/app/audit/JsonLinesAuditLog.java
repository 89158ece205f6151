package proxy.app.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.locks.LockSupport;
import proxy.api.audit.AuditEvent;
import proxy.api.audit.AuditLog;
import proxy.api.config.AuditConfig;
import proxy.api.config.ConfigException;

/**
 * The audit log as JSON lines ({@link AuditJson}) on a stream. It lives in proxy.app, which owns the destinations
 * and their lifecycle (opening the file at startup, closing it after the server stopped); proxy.http only emits
 * {@link AuditEvent}s and stays free of output concerns.
 *
 * <p>{@link #record} formats the line on the request's thread and queues it; one platform thread writes the queue
 * out: a line that arrives while it idles at once, and while lines keep coming, every millisecond all lines queued
 * meanwhile together, in writes of whole lines only (at most {@value #WRITE_BYTES} bytes each), each batch flushed
 * at once. A blocking write from each
 * request's virtual thread used to cost about a fifth of a 307's CPU (the file write pins its carrier and the
 * scheduler compensates with another), measured in docs/benchmarks.md, session 5. Lines never interleave, and a
 * file opened for append ({@code O_APPEND}) keeps lines whole across processes and a rotation by copy-truncate. The
 * queue is bounded ({@value #QUEUE_LINES} lines): when the destination cannot keep up, requests wait to record
 * rather than lines being dropped. {@link #close()} writes every line queued before it. What a crash of the process
 * can lose: the lines still queued, usually none or a few milliseconds' worth. A failing write is logged (once
 * until writing works again) and never fails the request.
 */
public final class JsonLinesAuditLog implements AuditLog, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(JsonLinesAuditLog.class.getName());
    static final int QUEUE_LINES = 16_384;
    static final int WRITE_BYTES = 64 * 1024;
    static final long LINGER_NANOS = 1_000_000;
    private static final byte[] END = new byte[0];

    private final OutputStream out;
    private final boolean owned;
    private final String name;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE_LINES);
    private final Thread writer;
    private volatile boolean closed;
    private boolean failing;

    /**
     * Starts the writer thread.
     *
     * @param out   where lines go
     * @param owned whether {@link #close()} closes {@code out} (a file) or leaves it open (standard output)
     * @param name  the destination, for log messages
     */
    public JsonLinesAuditLog(OutputStream out, boolean owned, String name) {
        this.out = Objects.requireNonNull(out, "out");
        this.owned = owned;
        this.name = Objects.requireNonNull(name, "name");
        this.writer = Thread.ofPlatform().name("audit-writer").daemon(true).start(this::writeLoop);
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

    /** Queues the event's line; waits only while the queue is full. Ignored once closed. */
    @Override
    public void record(AuditEvent event) {
        if (closed) {
            return;
        }
        enqueue(AuditJson.line(event).getBytes(StandardCharsets.UTF_8));
    }

    /** Writes every line queued so far, stops the writer and closes the file (standard output and error stay open). */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        enqueue(END);
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            out.flush();
            if (owned) {
                out.close();
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "closing the audit log " + name + " failed: " + e.getMessage());
        }
    }

    /** Puts {@code line} on the queue even when interrupted meanwhile (the interrupt is kept). */
    private void enqueue(byte[] line) {
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(line);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for a line, writes it with whatever else is queued, and while lines keep coming, collects them for
     * {@value #LINGER_NANOS} ns before each next write: under load the writer wakes about a thousand times a second
     * whatever the request rate, instead of once per request (each wake-up of a waiting thread costs the recording
     * request a system call).
     */
    private void writeLoop() {
        var batch = new ArrayList<byte[]>();
        var chunk = new byte[WRITE_BYTES];
        boolean ending = false;
        while (!ending) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                continue; // only close() ends the writer, by queueing END
            }
            while (!batch.isEmpty() && !ending) {
                queue.drainTo(batch);
                for (byte[] line : batch) {
                    ending |= line == END; // a line a racing record() queued after END is still written
                }
                write(batch, chunk);
                batch.clear();
                if (!ending) {
                    LockSupport.parkNanos(LINGER_NANOS);
                    queue.drainTo(batch);
                }
            }
        }
    }

    /** Writes the lines in writes of whole lines (a longer line alone), then flushes once. */
    private void write(List<byte[]> lines, byte[] chunk) {
        try {
            int used = 0;
            for (byte[] line : lines) {
                if (used > 0 && used + line.length > chunk.length) {
                    out.write(chunk, 0, used);
                    used = 0;
                }
                if (line.length > chunk.length) {
                    out.write(line);
                } else {
                    System.arraycopy(line, 0, chunk, used, line.length);
                    used += line.length;
                }
            }
            if (used > 0) {
                out.write(chunk, 0, used);
            }
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
        }
    }
}
