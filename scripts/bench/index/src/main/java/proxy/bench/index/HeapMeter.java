package proxy.bench.index;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Live-heap measurements in this JVM through the HotSpot {@code DiagnosticCommand} MBean's
 * {@code gcClassHistogram} (the in-process form of {@code jcmd <pid> GC.class_histogram}): it runs a full GC and
 * counts the bytes of every live object by class. The difference between two histograms, taken without and with
 * an object graph held, is that graph's retained size (plus any unrelated allocation that stayed live, which a
 * quiet single-threaded benchmark keeps near zero). {@link #usedAfterGc()} is the cruder cross-check.
 */
final class HeapMeter {
    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+).*$");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    /** Live bytes by class name, and the total under {@code "<total>"}. */
    Map<String, Long> histogram() {
        String text;
        try {
            text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                    new Object[] {new String[0]}, new String[] {String[].class.getName()});
        } catch (JMException e) {
            throw new IllegalStateException("GC.class_histogram is not available", e);
        }
        Map<String, Long> bytes = new HashMap<>();
        for (String line : text.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                bytes.merge(row.group(3), Long.parseLong(row.group(2)), Long::sum);
            }
            Matcher total = TOTAL.matcher(line);
            if (total.matches()) {
                bytes.put("<total>", Long.parseLong(total.group(2)));
            }
        }
        if (!bytes.containsKey("<total>")) {
            throw new IllegalStateException("no Total line in the class histogram");
        }
        return bytes;
    }

    /** Used heap after three explicit full collections (MemoryMXBean). */
    long usedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
