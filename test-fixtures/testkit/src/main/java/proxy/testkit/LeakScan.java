package proxy.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;

/**
 * Decodes every object of a filtered {@code _delta_log/} into text a leak check can search: JSON as is, Parquet as
 * its schema, footer key/value metadata, footer statistics and every row.
 */
public final class LeakScan {
    private LeakScan() {
    }

    /** The decoded text of every file in the log directory (not recursive: the view has no subdirectories). */
    public static String decode(Path log) throws IOException {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.list(log)) {
            for (Path p : files.sorted().toList()) {
                out.append("== ").append(p.getFileName()).append('\n');
                if (p.getFileName().toString().endsWith(".parquet")) {
                    parquet(p, out);
                } else {
                    out.append(Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        }
        return out.toString();
    }

    /** Column statistics in the footer that are not empty, as "column: stats" lines. */
    public static List<String> footerStatistics(Path parquet) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquet))) {
            return reader.getFooter().getBlocks().stream().flatMap(b -> b.getColumns().stream())
                    .filter(c -> c.getStatistics() != null && !c.getStatistics().isEmpty())
                    .map(c -> c.getPath() + ": " + c.getStatistics()).toList();
        }
    }

    /** The number of rows of a Parquet file, from its footer. */
    public static long rowCount(Path parquet) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(parquet))) {
            return reader.getRecordCount();
        }
    }

    private static void parquet(Path p, StringBuilder out) throws IOException {
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(p))) {
            var meta = reader.getFooter();
            out.append(meta.getFileMetaData().getSchema()).append('\n');
            out.append(meta.getFileMetaData().getKeyValueMetaData()).append('\n');
            for (BlockMetaData block : meta.getBlocks()) {
                for (ColumnChunkMetaData c : block.getColumns()) {
                    out.append(c.getPath()).append(' ').append(c.getStatistics()).append('\n');
                }
            }
        }
        try (ParquetReader<Group> reader = new ParquetReader.Builder<Group>(new LocalInputFile(p)) {
            @Override
            protected ReadSupport<Group> getReadSupport() {
                return new GroupReadSupport();
            }
        }.build()) {
            Group row;
            while ((row = reader.read()) != null) {
                out.append(row).append('\n');
            }
        }
    }
}
