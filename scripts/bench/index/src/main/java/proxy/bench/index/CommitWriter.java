package proxy.bench.index;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Random;

/**
 * Writes Delta JSON commits by hand (one action per line), as a writer that appends files would: a commitInfo,
 * then the adds, each with a small statistics string like real writers put there. A commit appears atomically
 * (written to a temporary name, then moved), so a concurrent reader never sees half a commit.
 */
final class CommitWriter {
    private static final String SCHEMA = "{\\\"type\\\":\\\"struct\\\",\\\"fields\\\":["
            + "{\\\"name\\\":\\\"date\\\",\\\"type\\\":\\\"string\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},"
            + "{\\\"name\\\":\\\"MIC\\\",\\\"type\\\":\\\"string\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},"
            + "{\\\"name\\\":\\\"price\\\",\\\"type\\\":\\\"double\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}},"
            + "{\\\"name\\\":\\\"qty\\\",\\\"type\\\":\\\"long\\\",\\\"nullable\\\":true,\\\"metadata\\\":{}}]}";
    private static final String STATS = "{\\\"numRecords\\\":1000,\\\"minValues\\\":{\\\"price\\\":1.5,"
            + "\\\"qty\\\":1},\\\"maxValues\\\":{\\\"price\\\":99.5,\\\"qty\\\":500},"
            + "\\\"nullCount\\\":{\\\"price\\\":0,\\\"qty\\\":0}}";

    private final Path logDir;
    private final long timestamp;

    CommitWriter(Path table, long timestamp) {
        this.logDir = table.resolve("_delta_log");
        this.timestamp = timestamp;
    }

    static String commitName(long version) {
        return "%020d.json".formatted(version);
    }

    /** Version 0: protocol and metaData of a table partitioned by date and MIC. */
    void writeCreate() throws IOException {
        try (Commit c = open(0)) {
            c.line("{\"commitInfo\":{\"timestamp\":" + timestamp + ",\"operation\":\"CREATE TABLE\"}}");
            c.line("{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":2}}");
            c.line("{\"metaData\":{\"id\":\"6c1b7f0e-5d1e-4b8a-9d55-000000000001\",\"format\":{\"provider\":"
                    + "\"parquet\",\"options\":{}},\"schemaString\":\"" + SCHEMA + "\",\"partitionColumns\":"
                    + "[\"date\",\"MIC\"],\"configuration\":{},\"createdTime\":" + timestamp + "}}");
        }
    }

    /**
     * A commit adding files {@code [from, to)} of the shape.
     */
    void writeAdds(long version, TableShape shape, int from, int to, Random random) throws IOException {
        try (Commit c = open(version)) {
            c.line("{\"commitInfo\":{\"timestamp\":" + (timestamp + version) + ",\"operation\":\"WRITE\","
                    + "\"operationParameters\":{\"mode\":\"Append\"},\"isBlindAppend\":true}}");
            for (int file = from; file < to; file++) {
                c.line(add(TableShape.path(shape.date(file), shape.mic(file), random), shape.date(file),
                        shape.mic(file), version));
            }
        }
    }

    /** A commit adding one file at an exact path (the incremental-refresh measurement). */
    void writeSingleAdd(long version, String path, String date, String mic) throws IOException {
        try (Commit c = open(version)) {
            c.line("{\"commitInfo\":{\"timestamp\":" + (timestamp + version) + ",\"operation\":\"WRITE\","
                    + "\"operationParameters\":{\"mode\":\"Append\"},\"isBlindAppend\":true}}");
            c.line(add(path, date, mic, version));
        }
    }

    private String add(String path, String date, String mic, long version) {
        return "{\"add\":{\"path\":\"" + path + "\",\"partitionValues\":{\"date\":\"" + date + "\",\"MIC\":\""
                + mic + "\"},\"size\":" + (400_000 + path.hashCode() % 100_000) + ",\"modificationTime\":"
                + (timestamp + version) + ",\"dataChange\":true,\"stats\":\"" + STATS + "\"}}";
    }

    private Commit open(long version) throws IOException {
        Files.createDirectories(logDir);
        return new Commit(logDir.resolve("." + commitName(version) + ".tmp"), logDir.resolve(commitName(version)));
    }

    /** One commit being written; {@link #close()} publishes it. */
    private static final class Commit implements AutoCloseable {
        private final Path tmp;
        private final Path target;
        private final BufferedWriter out;

        Commit(Path tmp, Path target) throws IOException {
            this.tmp = tmp;
            this.target = target;
            this.out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
        }

        void line(String s) throws IOException {
            out.write(s);
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            out.close();
            if (Files.exists(target)) {
                throw new IOException("commit already exists: " + target);
            }
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        }
    }
}
