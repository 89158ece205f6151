package proxy.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The object tree every store test serves: nested directories, names whose order differs between a per-directory
 * walk and S3's flat UTF-8 order ({@code a-b.txt < a.txt < a/... < a0.txt}), special characters, a hidden
 * temporary file, and one larger object for ranges.
 */
public final class StoreFixture {

    /** The larger object, {@value #BIG_SIZE} bytes. */
    public static final String BIG = "big.bin";
    public static final int BIG_SIZE = 100_000;

    /** In UTF-8 byte order: what the flat key space sorts by. */
    public static final Comparator<String> UTF8 = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private StoreFixture() {
    }

    /** Key to content, in no particular order. */
    public static Map<String, byte[]> objects() {
        var objects = new LinkedHashMap<String, byte[]>();
        for (String key : List.of(
                "_delta_log/00000000000000000000.json",
                "_delta_log/00000000000000000001.json",
                "a.txt", "a-b.txt", "a0.txt", "a/b.txt", "a/c/d.bin", "a/c/e.bin",
                "date=2024-01-01/part-0000.parquet", "date=2024-01-01/part-0001.parquet",
                "date=2024-01-02/part-0000.parquet",
                "sp ace/x y.parquet", "pct%20/p+q:r=s.parquet", "ünï/çødé.parquet",
                "z/.hidden.tmp", "z/y/x/w.bin")) {
            objects.put(key, ("content of " + key).getBytes(StandardCharsets.UTF_8));
        }
        objects.put(BIG, bigContent());
        return objects;
    }

    /** Every key in S3 order. */
    public static List<String> sortedKeys() {
        return objects().keySet().stream().sorted(UTF8).toList();
    }

    /** Writes the tree under {@code dir}. */
    public static void write(Path dir) throws IOException {
        for (var e : objects().entrySet()) {
            Path file = dir.resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
    }

    private static byte[] bigContent() {
        byte[] bytes = new byte[BIG_SIZE];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31 + i / 251);
        }
        return bytes;
    }
}
