import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.MessageType;

/**
 * Test data for scripts/check-image-golden: copies a Delta table and rewrites every Parquet file of its
 * {@code _delta_log} (checkpoint parts, v2 checkpoints, sidecars) with another compression codec, rows and schema
 * unchanged, so the slim image is proven on every codec a writer may have used, not only the golden tables'
 * Snappy. Run on the full jars: {@code java -cp 'jars/*' RecompressCheckpoints.java OUT CODEC,... TABLE...} writes OUT/TABLE-codec.
 * Exits 3 when this parquet-hadoop cannot write a codec (it is then untestable, and unreadable alike).
 */
public final class RecompressCheckpoints {
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        for (String name : args[1].split(",")) {
            var codec = CompressionCodecName.valueOf(name);
            for (int i = 2; i < args.length; i++) {
                Path table = Path.of(args[i]);
                Path copy = out.resolve(table.getFileName() + "-" + name.toLowerCase(java.util.Locale.ROOT));
                if (!rewrite(table, copy, codec)) {
                    System.exit(3);
                }
            }
        }
    }

    private static boolean rewrite(Path table, Path out, CompressionCodecName codec) throws IOException {
        copy(table, out);
        List<Path> parquet;
        try (var files = Files.walk(out.resolve("_delta_log"))) {
            parquet = files.filter(p -> p.toString().endsWith(".parquet")).toList();
        }
        for (Path file : parquet) {
            try {
                recompress(file, codec);
            } catch (RuntimeException | IOException | LinkageError e) {
                System.err.println("cannot write " + codec + ": " + e);
                return false;
            }
        }
        System.out.println(codec + ": rewrote " + parquet.size() + " Parquet files of " + out.getFileName());
        return true;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private static void recompress(Path file, CompressionCodecName codec) throws IOException {
        var conf = new Configuration();
        var hadoopPath = new org.apache.hadoop.fs.Path(file.toUri());
        MessageType schema;
        try (var reader = ParquetFileReader.open(HadoopInputFile.fromPath(hadoopPath, conf))) {
            schema = reader.getFooter().getFileMetaData().getSchema();
        }
        Path rewritten = file.resolveSibling("rewrite-" + file.getFileName());
        var rewrittenPath = new org.apache.hadoop.fs.Path(rewritten.toUri());
        try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), hadoopPath).withConf(conf).build();
             ParquetWriter<Group> writer = ExampleParquetWriter.builder(rewrittenPath).withConf(conf)
                     .withType(schema).withCompressionCodec(codec).build()) {
            for (Group row = reader.read(); row != null; row = reader.read()) {
                writer.write(row);
            }
        }
        Files.move(rewritten, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // Hadoop checksum files: the writer's, and the copied one that no longer matches
        Files.deleteIfExists(file.resolveSibling(".rewrite-" + file.getFileName() + ".crc"));
        Files.deleteIfExists(file.resolveSibling("." + file.getFileName() + ".crc"));
    }

    private RecompressCheckpoints() {
    }
}
