package proxy.bench.index;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the heap figures of a JVM's unified GC log ({@code -Xlog:gc:file=F}): every pause line ends with
 * {@code before->after(committed)}, e.g. {@code Pause Young (Normal) (G1 Evacuation Pause) 180M->41M(256M) 4.1ms}.
 * A window is the part of the file written between two {@link #mark()} calls.
 */
final class GcLog {
    private static final Pattern PAUSE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private final Path file;

    GcLog(Path file) {
        this.file = file;
    }

    /** The current end of the log: the start of the next window. */
    long mark() throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    /**
     * Heap figures of the pauses logged since {@code from}.
     *
     * @param pauses        GC pauses in the window
     * @param maxBeforeMiB  the highest occupancy a pause found (live and garbage: the peak of used heap, within the
     *                      resolution of the pauses)
     * @param maxAfterMiB   the highest occupancy a pause left (an upper bound of the live set at that moment)
     * @param lastAfterMiB  what the last pause of the window left
     */
    record Window(int pauses, long maxBeforeMiB, long maxAfterMiB, long lastAfterMiB) {
    }

    Window since(long from) throws IOException {
        byte[] all = Files.readAllBytes(file);
        String text = new String(all, (int) Math.min(from, all.length), (int) Math.max(0, all.length - from),
                StandardCharsets.UTF_8);
        int pauses = 0;
        long maxBefore = 0;
        long maxAfter = 0;
        long lastAfter = 0;
        for (String line : text.split("\n")) {
            Matcher m = PAUSE.matcher(line);
            if (line.contains("Pause") && m.find()) {
                pauses++;
                maxBefore = Math.max(maxBefore, Long.parseLong(m.group(1)));
                lastAfter = Long.parseLong(m.group(2));
                maxAfter = Math.max(maxAfter, lastAfter);
            }
        }
        return new Window(pauses, maxBefore, maxAfter, lastAfter);
    }
}
