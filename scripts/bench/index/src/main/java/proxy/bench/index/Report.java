package proxy.bench.index;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The results as JSON (everything) and as a markdown table (the headline figures against their targets). */
final class Report {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> results;

    Report(Map<String, Object> results) {
        this.results = results;
    }

    /** Median, min, max and every run of a series. */
    static Map<String, Object> series(List<Double> xs, String unit) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", unit);
        m.put("median", Stats.round(Stats.median(xs), 3));
        m.put("min", Stats.round(Stats.min(xs), 3));
        m.put("max", Stats.round(Stats.max(xs), 3));
        m.put("runs", xs);
        return m;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> generatorManifest(Path table) throws IOException {
        Path manifest = table.resolve(TableGenerator.MANIFEST);
        return Files.exists(manifest) ? JSON.readValue(manifest.toFile(), Map.class) : Map.of("table", table);
    }

    /** Rewrites the markdown from a JSON report written earlier. */
    @SuppressWarnings("unchecked")
    static void render(Path json, Path md) throws IOException {
        Files.writeString(md, new Report(JSON.readValue(json.toFile(), LinkedHashMap.class)).markdown());
    }

    void write(Path json, Path md) throws IOException {
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.createDirectories(md.toAbsolutePath().getParent());
        String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n";
        Files.writeString(json, text);
        String table = markdown();
        Files.writeString(md, table);
        System.out.println(text);
        System.out.println(table);
    }

    @SuppressWarnings("unchecked")
    private String markdown() {
        Map<String, Object> machine = (Map<String, Object>) results.get("machine");
        Map<String, Object> tableInfo = (Map<String, Object>) results.get("table");
        Map<String, Object> heap = (Map<String, Object>) results.get("heap");
        double bytesPerFile = median(heap.get("bytesPerFileHistogram"));
        StringBuilder s = new StringBuilder("# Index scale: ").append(tableInfo.get("dataFiles"))
                .append(" files, ").append(tableInfo.get("partitions")).append(" partitions")
                .append(Boolean.TRUE.equals(tableInfo.get("keepOldCommits")) ? ", all commits retained" : "")
                .append("\n\n");
        s.append("| measure | median | target | met |\n|---|---:|---:|:---:|\n");
        row(s, "cold build to the first published snapshot (current table state), s",
                median(results.get("coldBuildFirstSnapshot")), "", null);
        row(s, "cold build until the retained commits are folded in, s", median(results.get("coldBuildFolded")),
                "", null);
        row(s, "bare Kernel scan of the same snapshot, s", median(results.get("kernelScan")), "", null);
        double ratio = (double) results.get("ratioProductToKernel");
        row(s, "ratio first snapshot / Kernel (wall)", ratio, "≤ 1.2", ratio <= 1.2);
        row(s, "ratio folded / Kernel (wall)", (double) results.get("ratioFoldedToKernel"), "", null);
        row(s, "first snapshot, process CPU s", median(results.get("coldBuildFirstSnapshotCpu")), "", null);
        row(s, "folded, process CPU s", median(results.get("coldBuildFoldedCpu")), "", null);
        row(s, "bare Kernel scan, process CPU s", median(results.get("kernelScanCpu")), "", null);
        row(s, "ratio first snapshot / Kernel (process CPU)", (double) results.get("ratioProductToKernelCpu"), "",
                null);
        row(s, "ratio folded / Kernel (process CPU)", (double) results.get("ratioFoldedToKernelCpu"), "", null);
        row(s, "retained heap per indexed file, B (class histogram)", bytesPerFile, "≤ 100", bytesPerFile <= 100);
        row(s, "retained heap per indexed file, B (used heap, cross-check)",
                median(heap.get("bytesPerFileUsedHeap")), "", null);
        row(s, "refresh after a 1-file commit, ms", median(results.get("incrementalRefresh")), "", null);
        row(s, "refresh with no new commit, ms", median(results.get("refreshWithoutNewCommit")), "", null);
        double pct = (double) results.get("ratioRefreshToColdPercent");
        row(s, "ratio refresh / cold build (first snapshot), %", pct, "≤ 1", pct <= 1);
        s.append("\nFiles indexed: product ").append(results.get("productFiles")).append(", Kernel scan ")
                .append(results.get("kernelFiles")).append(" (version ").append(results.get("kernelVersion"))
                .append(").\n");
        s.append("Table: ").append(tableInfo.get("partitionColumns")).append("; classic Parquet checkpoint at ")
                .append("version ").append(tableInfo.get("checkpointVersion")).append(" (")
                .append(tableInfo.get("filesInCheckpoint")).append(" files, ").append(tableInfo.get("checkpointBytes"))
                .append(" B) + ").append(tableInfo.get("commitsAfterCheckpoint")).append(" JSON commits (")
                .append(tableInfo.get("filesAfterCheckpoint")).append(" files); data files not written.\n");
        s.append("Commits before the checkpoint: ").append(Boolean.TRUE.equals(tableInfo.get("keepOldCommits"))
                ? "all retained (no log cleanup yet): Kernel reads only the checkpoint and the newer commits; so does"
                        + " the product before it publishes its first snapshot, then it folds the files of every"
                        + " retained commit into the index in the background"
                : tableInfo.get("olderCommitsDeleted") + " deleted, as log cleanup does after the retention; the"
                        + " commit at the checkpoint version stays (the product folds it in after its first snapshot;"
                        + " Kernel does not read it)")
                .append(".\n");
        s.append("Cold build: a new index; the first snapshot is timed when the first `lookup` of a file of the"
                + " newest commit returns (it loads the index), the fold when the `refresh()` called next returns (it"
                + " waits for the fold and lists the log once). Until the fold is done, a lookup of a key outside the"
                + " current state waits for it.\n");
        s.append("Machine: ").append(machine.get("cpu")).append(", ").append(machine.get("cores"))
                .append(" cores, ").append(((Number) machine.get("memoryBytes")).longValue() >> 20).append(" MiB; ")
                .append(machine.get("jdk")).append("; ").append(machine.get("jvmArgs")).append(".\n");
        s.append("Medians of ").append(runs(results.get("coldBuildFirstSnapshot")))
                .append(" alternating cold runs after warm-up; refresh: median of ")
                .append(runs(results.get("incrementalRefresh")))
                .append(" one-file commits. Load average at start: ").append(machine.get("loadAverageAtStart"))
                .append(" (a shared machine: wall times are noisy, CPU times less so).\n");
        s.append("Heap method: ").append(heap.get("method")).append(".\n");
        return s.toString();
    }

    private static int runs(Object series) {
        return ((List<?>) ((Map<?, ?>) series).get("runs")).size();
    }

    private static double median(Object series) {
        return (double) ((Map<?, ?>) series).get("median");
    }

    private static void row(StringBuilder s, String name, double value, String target, Boolean met) {
        s.append("| ").append(name).append(" | ").append(value).append(" | ").append(target).append(" | ")
                .append(met == null ? "" : met ? "yes" : "no").append(" |\n");
    }
}
