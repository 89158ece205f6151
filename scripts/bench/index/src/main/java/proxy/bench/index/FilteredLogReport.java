package proxy.bench.index;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The filtered-log benchmark's reports: the JSON of every sample and fact, and a markdown table of medians, ranges
 * and the ratios issue 16 sets targets for (each ratio between medians of the same invocation).
 */
final class FilteredLogReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FilteredLogReport() {
    }

    static void write(Map<String, Object> results, Path json, Path md) throws IOException {
        Files.createDirectories(json.toAbsolutePath().getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(json.toFile(), results);
        render(json, md);
    }

    static void render(Path json, Path md) throws IOException {
        Map<String, Object> r = JSON.readValue(json.toFile(), new TypeReference<>() {
        });
        String text = markdown(r);
        Files.writeString(md, text);
        System.out.print(text);
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> r) {
        Map<String, List<Double>> s = (Map<String, List<Double>>) r.get("samples");
        Map<String, Object> f = (Map<String, Object>) r.get("facts");
        Map<String, Object> m = (Map<String, Object>) r.get("machine");
        StringBuilder b = new StringBuilder("# Filtered log: first snapshot load of the 1,000,000-file table\n\n");
        b.append("| measure (s) | median | min – max | n | CPU median | CPU min – max |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        row(b, s, "bare Kernel scan of the upstream snapshot (warm JVM)", "kernelScan");
        row(b, s, "bare Kernel scan, first in a fresh JVM", "kernelScanFirstInJvm");
        row(b, s, "proxy start until /readyz (JVM + index load), filtered", "proxyReadyFiltered");
        row(b, s, "filtered: first load in a fresh process (50 % grant)", "loadFirstInFreshProcess");
        row(b, s, "filtered: second grant set in the process (50 %)", "loadSecondGrantSetInProcess");
        row(b, s, "filtered cold, 1 % grant", "loadCold.p1");
        row(b, s, "filtered cold, 99 % grant", "loadCold.p99");
        row(b, s, "filtered cold, `{}` grant (upstream bytes)", "loadCold.full");
        row(b, s, "filtered warm, 1 % grant", "loadWarm.p1");
        row(b, s, "filtered warm, 99 % grant", "loadWarm.p99");
        row(b, s, "filtered warm, `{}` grant", "loadWarm.full");
        row(b, s, "passthrough: first load in a fresh process", "passthroughFirstInFreshProcess");
        row(b, s, "passthrough warm", "passthroughLoad.p1");
        row(b, s, "LIST 10,000-commit log, filtered 1 %, cold (builds every commit)", "listCommitsCold.p1");
        row(b, s, "LIST 10,000-commit log, filtered 1 %, warm", "listCommitsWarm.p1");
        row(b, s, "LIST 10,000-commit log, `{}` grant in filtered mode, warm", "listCommitsWarm.full");
        row(b, s, "LIST 10,000-commit log, passthrough, first", "passthroughListFirst.p1");
        row(b, s, "LIST 10,000-commit log, passthrough, warm", "passthroughListWarm.p1");
        row(b, s, "filtered cold 99 % under -Xmx" + f.get("heapXmx"), "heapBoundedLoadCold.p99");
        row(b, s, "filtered cold 1 % under -Xmx" + f.get("heapXmx"), "heapBoundedLoadCold.p1");
        b.append("\nCPU: the proxy process's CPU time during the request(s) (all threads, GC and JIT included; the ")
                .append("client's is not counted); for the Kernel scan the benchmark JVM's.\n");
        b.append("\n| ratio (medians, wall time) | value | target | met |\n|---|---:|---:|:---:|\n");
        ratio(b, s, "cold 1 % / Kernel scan", "loadCold.p1", "kernelScan", 1.5);
        ratio(b, s, "cold 99 % / Kernel scan", "loadCold.p99", "kernelScan", 1.5);
        ratio(b, s, "warm 1 % / passthrough warm", "loadWarm.p1", "passthroughLoad.p1", 1.2);
        ratio(b, s, "warm 99 % / passthrough warm", "loadWarm.p99", "passthroughLoad.p1", 1.2);
        ratio(b, s, "warm `{}` / passthrough warm", "loadWarm.full", "passthroughLoad.p1", 1.2);
        ratio(b, s, "LIST warm filtered 1 % / passthrough warm", "listCommitsWarm.p1", "passthroughListWarm.p1", 1.5);
        ratio(b, s, "LIST warm `{}` (filtered mode) / passthrough warm", "listCommitsWarm.full",
                "passthroughListWarm.p1", 0);
        ratio(b, s, "first load in a fresh process / Kernel scan first in a fresh JVM", "loadFirstInFreshProcess",
                "kernelScanFirstInJvm", 0);
        b.append("\n| ratio (medians, CPU time) | value |\n|---|---:|\n");
        cpuRatio(b, s, "cold 1 % / Kernel scan", "loadCold.p1", "kernelScan");
        cpuRatio(b, s, "cold 99 % / Kernel scan", "loadCold.p99", "kernelScan");
        cpuRatio(b, s, "warm 1 % / passthrough warm", "loadWarm.p1", "passthroughLoad.p1");
        cpuRatio(b, s, "warm 99 % / passthrough warm", "loadWarm.p99", "passthroughLoad.p1");
        cpuRatio(b, s, "LIST warm filtered 1 % / passthrough warm", "listCommitsWarm.p1", "passthroughListWarm.p1");
        b.append("\nBytes read per load: ").append(f.get("bytes.loadCold.p1")).append(" (1 %), ")
                .append(f.get("bytes.loadCold.p99")).append(" (99 %), ").append(f.get("bytes.loadCold.full"))
                .append(" (`{}`, upstream); ")
                .append(f.get("loadObjects")).append(". Kernel scan: ").append(f.get("kernelFiles"))
                .append(" files at version ").append(f.get("kernelVersion")).append(". 10,000-commit LIST: ")
                .append(f.get("listCommitsObjects")).append(".\n");
        b.append("Heap (-Xmx").append(f.get("heapXmx")).append(", G1, `-Xlog:gc`): after the index load and a full ")
                .append("GC ").append(f.get("heapAfterIndexLoadFullGcMiB")).append(" MiB; while building the 99 % ")
                .append("and 1 % checkpoints: ").append(f.get("heapBuildPauses")).append(" pauses, highest occupancy ")
                .append("before a pause ").append(f.get("heapBuildMaxBeforeGcMiB")).append(" MiB, highest after a ")
                .append("pause ").append(f.get("heapBuildMaxAfterGcMiB")).append(" MiB; after the builds and a full ")
                .append("GC ").append(f.get("heapAfterBuildFullGcMiB")).append(" MiB.\n");
        b.append("Runs: ").append(r.get("runsDone")).append(" (each a fresh filtered and a fresh passthrough ")
                .append("proxy; cold cases once per run, warm cases repeated). ");
        b.append("Machine: ").append(m.get("cpu")).append(", ").append(m.get("cores")).append(" cores; ")
                .append(m.get("jdk")).append("; load average ").append(m.get("loadAverageAtStart"))
                .append(" at start, ").append(r.get("loadAverageAtEnd")).append(" at end (a shared machine).\n");
        return b.toString();
    }

    private static void row(StringBuilder b, Map<String, List<Double>> s, String label, String key) {
        List<Double> xs = s.get(key);
        if (xs == null || xs.isEmpty()) {
            return;
        }
        b.append("| ").append(label).append(" | ").append(fmt(Stats.median(xs))).append(" | ")
                .append(fmt(Stats.min(xs))).append(" – ").append(fmt(Stats.max(xs))).append(" | ").append(xs.size());
        List<Double> cpu = s.get(key + ".cpu");
        if (cpu == null || cpu.isEmpty()) {
            b.append(" | | |\n");
        } else {
            b.append(" | ").append(fmt(Stats.median(cpu))).append(" | ").append(fmt(Stats.min(cpu))).append(" – ")
                    .append(fmt(Stats.max(cpu))).append(" |\n");
        }
    }

    /** @param target the upper bound issue 16 sets, 0 for none */
    private static void ratio(StringBuilder b, Map<String, List<Double>> s, String label, String num, String den,
                              double target) {
        if (s.get(num) == null || s.get(den) == null) {
            return;
        }
        double v = Stats.median(s.get(num)) / Stats.median(s.get(den));
        b.append("| ").append(label).append(" | ").append(fmt(v)).append(" | ")
                .append(target > 0 ? "≤ " + target : "").append(" | ")
                .append(target > 0 ? (v <= target ? "yes" : "**no**") : "").append(" |\n");
    }

    private static void cpuRatio(StringBuilder b, Map<String, List<Double>> s, String label, String num,
                                 String den) {
        List<Double> n = s.get(num + ".cpu");
        List<Double> d = s.get(den + ".cpu");
        if (n != null && d != null) {
            b.append("| ").append(label).append(" | ").append(fmt(Stats.median(n) / Stats.median(d))).append(" |\n");
        }
    }

    private static String fmt(double x) {
        return x >= 10 ? "%.2f".formatted(x) : "%.3f".formatted(x);
    }
}
