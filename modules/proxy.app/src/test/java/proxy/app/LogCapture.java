package proxy.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Captures every java.util.logging record published to the root logger (our System.Logger calls and the SDK's
 * SLF4J output end there), formatted with its stack trace, so a test can check that no secret reached the log.
 */
final class LogCapture extends Handler implements AutoCloseable {
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();
    private final SimpleFormatter formatter = new SimpleFormatter();

    LogCapture() {
        Logger.getLogger("").addHandler(this);
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        var text = new StringWriter();
        text.append(formatter.format(record));
        if (record.getThrown() != null) {
            record.getThrown().printStackTrace(new PrintWriter(text));
        }
        lines.add(text.toString());
    }

    /** The records that contain any of the given secrets (empty when none leaked). */
    List<String> leaking(List<String> secrets) {
        return lines.stream().filter(line -> secrets.stream().anyMatch(line::contains)).toList();
    }

    /** The records that contain the text, as formatted (message, then any stack trace). */
    List<String> containing(String text) {
        return lines.stream().filter(line -> line.contains(text)).toList();
    }

    int size() {
        return lines.size();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
