package proxy.delta.filtered;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.InputFile;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Filters the rows of one Parquet checkpoint (every part of a multi-part one, a v2 manifest and its sidecars) into
 * one classic checkpoint with the upstream schema. Rows are streamed one at a time from parquet-java's reader to
 * its writer, in upstream order; at most one row group of the output is buffered.
 *
 * <p>The writer settings are fixed so the bytes are a pure function of the kept rows: Snappy, plain encoding, fixed
 * page and row group limits, no padding, no bloom filters, and no column statistics at all (so no min/max of any
 * value reaches the footer; readers do not need them to read a checkpoint). The schema is the upstream one,
 * including {@code stats_parsed} and {@code partitionValues_parsed}.
 */
final class CheckpointFilter {
    private static final int ROW_GROUP_ROWS = 20_000;
    private static final long ROW_GROUP_BYTES = 64L << 20;
    private static final int PAGE_BYTES = 1 << 20;

    private final FileFilter filter;

    CheckpointFilter(FileFilter filter) {
        this.filter = filter;
    }

    /** The counts {@code _last_checkpoint} reports. */
    record Counts(long actions, long addFiles) {
    }

    /**
     * Writes the kept rows of {@code parts} (then of the sidecars {@code sidecars} resolves) to {@code target}.
     *
     * @param parts    local copies of the checkpoint's files, in part order
     * @param sidecars local copies of the sidecars a v2 manifest names, looked up by the {@code sidecar.path}
     * @throws UnsupportedLogException when a row or schema is not understood
     */
    Counts filter(List<Path> parts, SidecarFiles sidecars, Path target) throws IOException {
        MessageType schema = schemaOf(new LocalInputFile(parts.getFirst()));
        CheckpointRows rows = new CheckpointRows(filter);
        List<String> sidecarPaths = new ArrayList<>();
        long actions = 0;
        long adds = 0;
        try (ParquetWriter<Group> writer = writer(target, schema)) {
            for (Path part : parts) {
                if (!schemaOf(new LocalInputFile(part)).equals(schema)) {
                    throw new UnsupportedLogException("checkpoint parts with different schemas");
                }
                Counts c = copy(part, writer, rows, sidecarPaths, null);
                actions += c.actions();
                adds += c.addFiles();
            }
            for (String sidecar : sidecarPaths) {
                Counts c = copy(sidecars.resolve(sidecar), writer, rows, null, schema);
                actions += c.actions();
                adds += c.addFiles();
            }
        }
        return new Counts(actions, adds);
    }

    /** Resolves a v2 manifest's {@code sidecar.path} to a local copy of the sidecar file. */
    @FunctionalInterface
    interface SidecarFiles {
        Path resolve(String sidecarPath) throws IOException;
    }

    static Counts copy(Path file, ParquetWriter<Group> writer, CheckpointRows rows, List<String> sidecars,
                               MessageType convertTo) throws IOException {
        long actions = 0;
        long adds = 0;
        try (ParquetReader<Group> reader = reader(new LocalInputFile(file))) {
            Group row;
            while ((row = reader.read()) != null) {
                CheckpointRows.Verdict verdict = rows.judge(row, sidecars != null);
                switch (verdict) {
                    case KEEP_ADD, KEEP -> {
                        writer.write(convertTo == null ? row : GroupConversion.convert(row, convertTo));
                        actions++;
                        adds += verdict == CheckpointRows.Verdict.KEEP_ADD ? 1 : 0;
                    }
                    case SIDECAR -> sidecars.add(CheckpointRows.sidecarPath(row));
                    case DROP -> {
                    }
                }
            }
        }
        return new Counts(actions, adds);
    }

    static MessageType schemaOf(InputFile file) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(file)) {
            return reader.getFooter().getFileMetaData().getSchema();
        }
    }

    private static ParquetReader<Group> reader(InputFile file) throws IOException {
        return new ParquetReader.Builder<Group>(file) {
            @Override
            protected ReadSupport<Group> getReadSupport() {
                return new GroupReadSupport();
            }
        }.build();
    }

    static ParquetWriter<Group> writer(Path target, MessageType schema) throws IOException {
        return ExampleParquetWriter.builder(new LocalOutputFile(target))
                .withType(schema)
                .withExtraMetaData(Map.of())
                .withWriteMode(org.apache.parquet.hadoop.ParquetFileWriter.Mode.OVERWRITE)
                .withCompressionCodec(CompressionCodecName.SNAPPY)
                .withRowGroupSize(ROW_GROUP_BYTES)
                .withRowGroupRowCountLimit(ROW_GROUP_ROWS)
                .withPageSize(PAGE_BYTES)
                .withMaxPaddingSize(0)
                // Plain encoding copies every value into the page buffer. A dictionary would keep the Binary
                // values it was given, and those are slices of the reader's pages: each kept row would pin a whole
                // upstream page, so a checkpoint with few readable rows scattered over it would stay in memory.
                .withDictionaryEncoding(false)
                .withBloomFilterEnabled(false)
                .withStatisticsEnabled(false)
                .withSizeStatisticsEnabled(false)
                .withValidation(false)
                .build();
    }
}
