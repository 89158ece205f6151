package proxy.bench.index;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import proxy.api.delta.FileClass;
import proxy.api.delta.TableIndex;

/**
 * Measures the product's Delta index on the generated table, in one JVM: (a) cold build of a new index, timed at
 * two points: the first published snapshot (the current table state: the first {@code lookup} of a file of the
 * newest commit returns) and the retained pre-checkpoint commits folded in ({@code refresh()}, called next,
 * returns), against (b) a bare Kernel scan of the same snapshot, alternated, after warm-up runs of both; (c) the
 * retained heap of a built (folded) index per indexed file, by class-histogram difference; (d) the refresh after a
 * one-file commit. Medians of N runs. Writes the JSON and markdown reports.
 *
 * <p>Usage: {@code IndexScaleBench --table DIR --json FILE --md FILE [--warmup 3] [--runs 7] [--refresh-runs 20]
 * [--heap-runs 3]}, or {@code --render JSON --md FILE} to rewrite a markdown table from a JSON report. Appends one-file commits to the table (it is a benchmark scratch table).
 */
public final class IndexScaleBench {
    private static final int REFRESH_WARMUP = 5;
    private final Path table;
    private final ProductIndex product;
    private final KernelScan kernel;
    private final String newestFile;
    private final Map<String, Object> results = new LinkedHashMap<>();

    private IndexScaleBench(Path table) throws IOException {
        this.table = table;
        this.product = new ProductIndex(table);
        this.kernel = new KernelScan(table);
        this.newestFile = ProductIndex.newestFile(table);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> opts = new LinkedHashMap<>(Map.of("--warmup", "3", "--runs", "7",
                "--refresh-runs", "20", "--heap-runs", "3"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        if (opts.containsKey("--render")) {
            Report.render(Path.of(opts.get("--render")), Path.of(require(opts, "--md")));
            return;
        }
        Path table = Path.of(require(opts, "--table")).toAbsolutePath();
        IndexScaleBench bench = new IndexScaleBench(table);
        bench.results.put("machine", MachineInfo.collect());
        bench.results.put("table", Report.generatorManifest(table));
        bench.coldBuilds(Integer.parseInt(opts.get("--warmup")), Integer.parseInt(opts.get("--runs")));
        bench.heap(Integer.parseInt(opts.get("--heap-runs")));
        bench.incremental(Integer.parseInt(opts.get("--refresh-runs")));
        new Report(bench.results).write(Path.of(require(opts, "--json")), Path.of(require(opts, "--md")));
    }

    private static String require(Map<String, String> opts, String name) {
        String v = opts.get(name);
        if (v == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return v;
    }

    /**
     * (a) and (b): warm-up, then alternating product / Kernel runs (who goes first alternates too). Wall time is
     * the figure; the process CPU time of each run (all threads, GC and JIT included) is recorded beside it because
     * it is less disturbed by other processes on a shared machine. The product's first snapshot is the figure held
     * against the Kernel scan (both then serve the current table state); the time until the retained commits are
     * folded in is reported beside it.
     */
    private void coldBuilds(int warmup, int runs) throws IOException {
        for (int i = 0; i < warmup; i++) {
            progress("warm-up " + (i + 1) + "/" + warmup + ": product " + timeProduct() + ", kernel "
                    + timeKernel().wall() + " s");
        }
        List<ProductTiming> product = new ArrayList<>();
        List<Timing> kernel = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            boolean productFirst = i % 2 == 0;
            Timing k = productFirst ? null : timeKernel();
            ProductTiming p = timeProduct();
            k = productFirst ? timeKernel() : k;
            product.add(p);
            kernel.add(k);
            progress("run " + (i + 1) + "/" + runs + ": product " + p + ", kernel " + k);
        }
        List<Double> kWall = kernel.stream().map(Timing::wall).toList();
        List<Double> kCpu = kernel.stream().map(Timing::cpu).toList();
        List<Double> firstWall = product.stream().map(p -> p.first().wall()).toList();
        List<Double> firstCpu = product.stream().map(p -> p.first().cpu()).toList();
        List<Double> foldedWall = product.stream().map(p -> p.folded().wall()).toList();
        List<Double> foldedCpu = product.stream().map(p -> p.folded().cpu()).toList();
        results.put("coldBuildFirstSnapshot", Report.series(firstWall, "s"));
        results.put("coldBuildFolded", Report.series(foldedWall, "s"));
        results.put("kernelScan", Report.series(kWall, "s"));
        results.put("ratioProductToKernel", ratio(firstWall, kWall));
        results.put("ratioFoldedToKernel", ratio(foldedWall, kWall));
        results.put("coldBuildFirstSnapshotCpu", Report.series(firstCpu, "s"));
        results.put("coldBuildFoldedCpu", Report.series(foldedCpu, "s"));
        results.put("kernelScanCpu", Report.series(kCpu, "s"));
        results.put("ratioProductToKernelCpu", ratio(firstCpu, kCpu));
        results.put("ratioFoldedToKernelCpu", ratio(foldedCpu, kCpu));
    }

    private static double ratio(List<Double> product, List<Double> kernel) {
        return Stats.round(Stats.median(product) / Stats.median(kernel), 3);
    }

    /** Wall and process CPU seconds of one run. */
    private record Timing(double wall, double cpu) {
        @Override
        public String toString() {
            return wall + " s (cpu " + cpu + " s)";
        }
    }

    /** A product cold build, timed at its first published snapshot and once the retained commits are folded. */
    private record ProductTiming(Timing first, Timing folded) {
        @Override
        public String toString() {
            return "first snapshot " + first + ", folded " + folded;
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * One cold build: the first lookup of a file of the newest commit loads the index and returns once the current
     * table state is published; {@code refresh()} then returns once the retained commits are folded in (it also
     * lists the log once: nothing new).
     */
    private ProductTiming timeProduct() {
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        try (ProductIndex.Opened opened = product.open()) {
            TableIndex index = opened.index();
            if (!(index.lookup(newestFile) instanceof FileClass.DataFile)) {
                throw new IllegalStateException("the first snapshot lacks " + newestFile);
            }
            Timing first = since(start, cpu);
            index.refresh();
            Timing folded = since(start, cpu);
            results.put("productFiles", dataFiles(index));
            results.put("productVersion", index.version());
            return new ProductTiming(first, folded);
        }
    }

    private static Timing since(long startNanos, long startCpuNanos) {
        return new Timing(Stats.round(Stats.seconds(System.nanoTime() - startNanos), 3),
                Stats.round(Stats.seconds(processCpuNanos() - startCpuNanos), 3));
    }

    private Timing timeKernel() throws IOException {
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        KernelScan.Result r = kernel.run();
        Timing t = since(start, cpu);
        results.put("kernelFiles", r.files());
        results.put("kernelVersion", r.version());
        return t;
    }

    private static long dataFiles(TableIndex index) {
        return index.dataFileCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    /** (c): live bytes with and without a built index held, by class histogram; used heap as a cross-check. */
    private void heap(int runs) {
        HeapMeter meter = new HeapMeter();
        List<Double> perFile = new ArrayList<>();
        List<Double> usedPerFile = new ArrayList<>();
        Map<String, Long> lastBefore = Map.of();
        Map<String, Long> lastAfter = Map.of();
        long files = 0;
        for (int i = 0; i < runs; i++) {
            long usedBefore = meter.usedAfterGc();
            Map<String, Long> before = meter.histogram();
            ProductIndex.Opened opened = product.open();
            opened.index().refresh();
            files = dataFiles(opened.index());
            Map<String, Long> after = meter.histogram();
            long usedAfter = meter.usedAfterGc();
            Reference.reachabilityFence(opened);
            opened.close();
            perFile.add(Stats.round((double) (after.get("<total>") - before.get("<total>")) / files, 1));
            usedPerFile.add(Stats.round((double) (usedAfter - usedBefore) / files, 1));
            lastBefore = before;
            lastAfter = after;
            progress("heap " + (i + 1) + "/" + runs + ": " + perFile.getLast() + " B/file (histogram), "
                    + usedPerFile.getLast() + " B/file (used heap)");
        }
        Map<String, Object> heap = new LinkedHashMap<>();
        heap.put("method", "GC.class_histogram (DiagnosticCommand MBean, full GC, live objects) total bytes with a"
                + " built index held minus without, divided by indexed data files; cross-check: MemoryMXBean used"
                + " heap after System.gc() x3, same difference");
        heap.put("indexedFiles", files);
        heap.put("bytesPerFileHistogram", Report.series(perFile, "B"));
        heap.put("bytesPerFileUsedHeap", Report.series(usedPerFile, "B"));
        heap.put("topClassesRetained", topDeltas(lastBefore, lastAfter, 6));
        results.put("heap", heap);
    }

    private static Map<String, Long> topDeltas(Map<String, Long> before, Map<String, Long> after, int n) {
        Map<String, Long> out = new LinkedHashMap<>();
        after.entrySet().stream().filter(e -> !e.getKey().equals("<total>"))
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())).limit(n)
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /**
     * (d): one cold build (folded), then one-file commits each followed by a timed {@code refresh()} (and a timed refresh
     * that finds nothing new); the first {@value #REFRESH_WARMUP} rounds warm the refresh path and are dropped.
     */
    private void incremental(int measured) throws IOException {
        int runs = measured + REFRESH_WARMUP;
        List<Double> refreshMs = new ArrayList<>();
        List<Double> noChangeMs = new ArrayList<>();
        CommitWriter writer = new CommitWriter(table, System.currentTimeMillis());
        Random random = new Random(System.nanoTime());
        try (ProductIndex.Opened opened = product.open()) {
            TableIndex index = opened.index();
            index.refresh();
            for (int i = 0; i < runs; i++) {
                long version = index.version() + 1;
                String date = TableShape.FIRST_DATE.toString();
                String mic = "X%03d".formatted(i % 100);
                String path = TableShape.path(date, mic, random);
                writer.writeSingleAdd(version, path, date, mic);
                long start = System.nanoTime();
                index.refresh();
                double ms = (System.nanoTime() - start) / 1e6;
                if (index.version() != version || !(index.lookup(path) instanceof FileClass.DataFile)) {
                    throw new IllegalStateException("refresh did not index the new file " + path);
                }
                start = System.nanoTime();
                index.refresh();
                double noChange = (System.nanoTime() - start) / 1e6;
                if (i >= REFRESH_WARMUP) {
                    refreshMs.add(Stats.round(ms, 2));
                    noChangeMs.add(Stats.round(noChange, 2));
                }
            }
            results.put("versionAfterRefreshes", index.version());
        }
        results.put("incrementalRefreshWarmupDropped", REFRESH_WARMUP);
        results.put("incrementalRefresh", Report.series(refreshMs, "ms"));
        results.put("refreshWithoutNewCommit", Report.series(noChangeMs, "ms"));
        double cold = (double) ((Map<?, ?>) results.get("coldBuildFirstSnapshot")).get("median");
        results.put("ratioRefreshToColdPercent", Stats.round(100 * Stats.median(refreshMs) / 1000 / cold, 3));
        progress("incremental refresh median " + Stats.median(refreshMs) + " ms");
    }

    private static void progress(String line) {
        System.err.println("[index-scale] " + line);
    }
}
