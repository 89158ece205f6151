package proxy.bench.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import proxy.bench.index.BenchProxyConfig.Principal;

/**
 * The filtered-log benchmark (issue 16 "Benchmark"): the first snapshot load of the 1,000,000-file table through a
 * real proxy process ({@link LogReader#snapshotLoad}) as principals granted 1 %, 99 % and {@code {}} of the
 * partitions in {@code deltaLog: filtered}, and in {@code passthrough}; a bare Kernel scan of the upstream snapshot
 * ({@link KernelScan}) as the baseline; the LIST of a 10,000-commit log; the heap while the filtered checkpoint is
 * built under a bounded {@code -Xmx}.
 *
 * <p>Definitions. <em>Cold</em>: the first load by a grant set after the table is loaded: the index is ready, the
 * artifact cache holds nothing of that grant set; each run starts a fresh proxy process and first loads the table
 * as two warm-up principals of other grant sets (so the JIT has compiled the filter path, as in a server that has
 * served other principals; the figures of those loads are reported as "first in a fresh process").
 * <em>Warm</em>: the same load again (every filtered object a cache hit). Passthrough: a fresh process in
 * {@code deltaLog: passthrough}, one load as a warm-up principal, then the measured loads. Kernel: a fresh
 * {@code DefaultEngine} per scan in this JVM, after warm-up scans. Every case runs in every run; medians and the
 * range are reported, and ratios are taken between figures of the same invocation. Beside each wall time, the CPU
 * time the proxy process used during it ({@code .cpu}; for the Kernel scan this JVM's), which a shared machine
 * disturbs much less.
 *
 * <p>Usage: {@code FilteredLogBench --launcher bin/delta-s3-proxy --table DIR --commits-table DIR --work DIR
 * --json FILE --md FILE [--runs 3] [--warm 3] [--kernel-warmup 3] [--kernel-runs 5] [--proxy-heap 2g]
 * [--heap-xmx 512m]}.
 */
public final class FilteredLogBench {
    private static final long CACHE_BYTES = 2L << 30;
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(5);
    private final Map<String, String> opts;
    private final Path launcher;
    private final Path work;
    private final Map<String, List<Double>> samples = new LinkedHashMap<>();
    private final Map<String, Object> facts = new LinkedHashMap<>();

    private FilteredLogBench(Map<String, String> opts) {
        this.opts = opts;
        this.launcher = Path.of(require("--launcher")).toAbsolutePath();
        this.work = Path.of(require("--work")).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new LinkedHashMap<>(Map.of("--runs", "3", "--warm", "3", "--kernel-warmup", "3",
                "--kernel-runs", "5", "--proxy-heap", "2g", "--heap-xmx", "512m"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        if (opts.containsKey("--render")) {
            FilteredLogReport.render(Path.of(opts.get("--render")), Path.of(opts.get("--md")));
            return;
        }
        FilteredLogBench bench = new FilteredLogBench(opts);
        Files.createDirectories(bench.work);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("machine", MachineInfo.collect());
        results.put("table", Report.generatorManifest(bench.big()));
        results.put("commitsTable", Report.generatorManifest(bench.commits()));
        bench.kernel();
        bench.heapRun();
        int runs = bench.intOpt("--runs");
        for (int r = 0; r < runs; r++) {
            progress("run " + (r + 1) + "/" + runs);
            bench.filteredRun(r);
            bench.passthroughRun();
            bench.write(results, r + 1); // after every run: a stopped benchmark leaves what it measured
        }
    }

    private void write(Map<String, Object> results, int runsDone) throws IOException {
        results.put("runsDone", runsDone);
        results.put("facts", facts);
        results.put("samples", samples);
        results.put("loadAverageAtEnd", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        FilteredLogReport.write(results, Path.of(require("--json")), Path.of(require("--md")));
    }

    /** The baseline: warm-up scans (the first one, in a fresh JVM, reported apart), then measured scans. */
    private void kernel() throws IOException {
        KernelScan scan = new KernelScan(big());
        for (int i = 0; i < intOpt("--kernel-warmup"); i++) {
            long start = System.nanoTime();
            long cpu = processCpu();
            KernelScan.Result result = scan.run();
            String name = i == 0 ? "kernelScanFirstInJvm" : "kernelScanWarmup";
            record(name, Stats.seconds(System.nanoTime() - start));
            record(name + ".cpu", Stats.seconds(processCpu() - cpu));
            facts.put("kernelFiles", result.files());
            facts.put("kernelVersion", result.version());
        }
        for (int i = 0; i < intOpt("--kernel-runs"); i++) {
            long start = System.nanoTime();
            long cpu = processCpu();
            scan.run();
            record("kernelScan", Stats.seconds(System.nanoTime() - start));
            record("kernelScan.cpu", Stats.seconds(processCpu() - cpu));
        }
        progress("kernel scan: " + samples.get("kernelScan"));
    }

    /** One fresh filtered proxy: warm-ups, the cold loads (order alternating by run), warm loads, the 10k LIST. */
    private void filteredRun(int run) throws Exception {
        try (ProxyProcess proxy = start("filtered-" + run, "filtered", List.of("-Xmx" + opts.get("--proxy-heap")))) {
            record("proxyReadyFiltered", Stats.seconds(proxy.readyNanos()));
            load(proxy, BenchProxyConfig.WARM_A, "loadFirstInFreshProcess");
            load(proxy, BenchProxyConfig.WARM_B, "loadSecondGrantSetInProcess");
            List<Principal> order = run % 2 == 0 ? List.of(BenchProxyConfig.P1, BenchProxyConfig.P99)
                    : List.of(BenchProxyConfig.P99, BenchProxyConfig.P1);
            for (Principal p : order) {
                load(proxy, p, "loadCold." + p.name());
            }
            load(proxy, BenchProxyConfig.FULL, "loadCold.full");
            for (int i = 0; i < intOpt("--warm"); i++) {
                for (Principal p : List.of(BenchProxyConfig.P1, BenchProxyConfig.P99, BenchProxyConfig.FULL)) {
                    load(proxy, p, "loadWarm." + p.name());
                }
            }
            list(proxy, BenchProxyConfig.P1, "listCommitsCold.p1");
            for (int i = 0; i < intOpt("--warm"); i++) {
                list(proxy, BenchProxyConfig.P1, "listCommitsWarm.p1");
                list(proxy, BenchProxyConfig.FULL, "listCommitsWarm.full");
            }
        }
    }

    /** One fresh passthrough proxy: a warm-up load, then the same loads and listings as the filtered run. */
    private void passthroughRun() throws Exception {
        try (ProxyProcess proxy = start("passthrough", "passthrough", List.of("-Xmx" + opts.get("--proxy-heap")))) {
            record("proxyReadyPassthrough", Stats.seconds(proxy.readyNanos()));
            load(proxy, BenchProxyConfig.WARM_A, "passthroughFirstInFreshProcess");
            for (int i = 0; i < intOpt("--warm"); i++) {
                load(proxy, BenchProxyConfig.P1, "passthroughLoad.p1");
            }
            list(proxy, BenchProxyConfig.P1, "passthroughListFirst.p1");
            for (int i = 0; i < intOpt("--warm"); i++) {
                list(proxy, BenchProxyConfig.P1, "passthroughListWarm.p1");
            }
        }
    }

    /**
     * The heap while building: a filtered proxy with {@code -Xmx} bounded and a GC log; a full GC (jcmd) once the
     * index is loaded gives the baseline, then the cold 99 % and 1 % loads are the window read from the GC log.
     */
    private void heapRun() throws Exception {
        Path gcFile = work.resolve("heap-gc.log");
        Files.deleteIfExists(gcFile);
        GcLog gc = new GcLog(gcFile);
        String xmx = opts.get("--heap-xmx");
        try (ProxyProcess proxy = start("heap", "filtered", List.of("-Xmx" + xmx, "-Xlog:gc:file=" + gcFile))) {
            facts.put("heapXmx", xmx);
            fullGc(proxy);
            GcLog.Window baseline = gc.since(0);
            facts.put("heapAfterIndexLoadFullGcMiB", baseline.lastAfterMiB());
            long mark = gc.mark();
            load(proxy, BenchProxyConfig.P99, "heapBoundedLoadCold.p99");
            load(proxy, BenchProxyConfig.P1, "heapBoundedLoadCold.p1");
            GcLog.Window build = gc.since(mark);
            facts.put("heapBuildPauses", build.pauses());
            facts.put("heapBuildMaxBeforeGcMiB", build.maxBeforeMiB());
            facts.put("heapBuildMaxAfterGcMiB", build.maxAfterMiB());
            fullGc(proxy);
            facts.put("heapAfterBuildFullGcMiB", gc.since(mark).lastAfterMiB());
        }
        progress("heap: " + facts);
    }

    private static void fullGc(ProxyProcess proxy) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(proxy.pid()), "GC.run")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (p.waitFor() != 0) {
            throw new IOException("jcmd GC.run failed for pid " + proxy.pid());
        }
        Thread.sleep(200); // the log line is written after the pause
    }

    /** A proxy with both tables loaded and their retained commits folded in (no background work left). */
    private ProxyProcess start(String name, String deltaLog, List<String> jvm) throws Exception {
        ProxyProcess proxy = ProxyProcess.start(launcher, work, name,
                (port, metrics) -> BenchProxyConfig.json(port, metrics, big(), commits(), deltaLog, CACHE_BYTES),
                jvm, READY_TIMEOUT);
        try {
            proxy.awaitFolded(2, READY_TIMEOUT);
        } catch (IOException | InterruptedException e) {
            proxy.close();
            throw e;
        }
        return proxy;
    }

    private void load(ProxyProcess proxy, Principal p, String name) throws IOException {
        try (LogReader reader = reader(proxy, p)) {
            Duration cpu = proxy.cpu();
            LogReader.Seen seen = reader.snapshotLoad(BenchProxyConfig.BIG);
            record(name + ".cpu", Stats.seconds(proxy.cpu().minus(cpu).toNanos()));
            record(name, Stats.seconds(seen.nanos()));
            facts.put("bytes." + name, seen.bytes());
            facts.put("checkpointBytes." + name, seen.checkpointBytes());
            facts.put("loadObjects", seen.listed() + " listed, " + seen.gets() + " GETs");
        }
    }

    private void list(ProxyProcess proxy, Principal p, String name) {
        try (LogReader reader = reader(proxy, p)) {
            Duration cpu = proxy.cpu();
            LogReader.Seen seen = reader.listLog(BenchProxyConfig.COMMITS);
            record(name + ".cpu", Stats.seconds(proxy.cpu().minus(cpu).toNanos()));
            record(name, Stats.seconds(seen.nanos()));
            facts.put("listCommitsObjects", seen.listed() + " keys, " + seen.pages() + " pages");
        }
    }

    /** This JVM's CPU time (all threads), nanoseconds. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private LogReader reader(ProxyProcess proxy, Principal p) {
        return new LogReader(proxy.endpoint(), BenchProxyConfig.BUCKET, p.accessKey(), p.secretKey());
    }

    private void record(String name, double seconds) {
        samples.computeIfAbsent(name, k -> new ArrayList<>()).add(Stats.round(seconds, 4));
        progress(name + " " + Stats.round(seconds, 3) + " s");
    }

    private Path big() {
        return Path.of(require("--table")).toAbsolutePath();
    }

    private Path commits() {
        return Path.of(require("--commits-table")).toAbsolutePath();
    }

    private int intOpt(String name) {
        return Integer.parseInt(opts.get(name));
    }

    private String require(String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    private static void progress(String s) {
        System.err.println("[filtered-log] " + s);
    }
}
