package proxy.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.api.storage.ListPage;
import proxy.api.storage.ListQuery;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.ObjectStore;
import proxy.api.storage.StoreContext;
import proxy.storage.StoreFixture;

/**
 * Random trees and random queries, paged through the file store and compared with a model of S3 listing:
 * sort every key by UTF-8 bytes, keep those with the prefix and after start-after, roll up at the delimiter.
 */
class FileListingModelTest {

    private static final String ALPHABET = "ab-.0é";

    @Test
    void pagedListingsMatchTheModel(@TempDir Path dir) throws IOException {
        var random = new Random(20_241_121);
        List<String> keys = writeRandomTree(dir, random);
        try (ObjectStore store = FileStoreTest.open(dir.toUri())) {
            for (int i = 0; i < 150; i++) {
                String prefix = random.nextInt(4) == 0 ? "" : randomPrefix(keys, random);
                String delimiter = List.of("", "/", "/", "-").get(random.nextInt(4));
                String startAfter = random.nextInt(3) == 0 ? randomPrefix(keys, random) : null;
                int maxKeys = 1 + random.nextInt(5);
                String what = "prefix=" + prefix + " delimiter=" + delimiter + " startAfter=" + startAfter
                        + " maxKeys=" + maxKeys;

                assertEquals(model(keys, prefix, delimiter, startAfter), paged(store, prefix, delimiter, startAfter,
                        maxKeys), what);
            }
        }
    }

    private static List<String> writeRandomTree(Path dir, Random random) throws IOException {
        for (int i = 0; i < 70; i++) {
            var key = new StringBuilder();
            int depth = 1 + random.nextInt(3);
            for (int d = 0; d < depth; d++) {
                key.append(d == 0 ? "" : "/").append(randomSegment(random));
            }
            Path file = dir.resolve(key.toString());
            try {
                Files.createDirectories(file.getParent());
                if (!Files.isDirectory(file)) {
                    Files.writeString(file, key);
                }
            } catch (IOException fileWhereADirectoryShouldBe) {
                // the tree already has this path's parent as a file: keep the earlier key
            }
        }
        Files.createDirectories(dir.resolve("empty/dirs/only"));
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString())
                    .sorted(StoreFixture.UTF8).toList();
        }
    }

    private static String randomSegment(Random random) {
        var segment = new StringBuilder();
        int length = 1 + random.nextInt(3);
        for (int i = 0; i < length; i++) {
            segment.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String s = segment.toString();
        return s.equals(".") || s.equals("..") ? "x" + s : s;
    }

    private static String randomPrefix(List<String> keys, Random random) {
        String key = keys.get(random.nextInt(keys.size()));
        return key.substring(0, random.nextInt(key.length() + 1));
    }

    /** The entries (keys and common prefixes) S3 lists, in order. */
    private static List<String> model(List<String> sortedKeys, String prefix, String delimiter, String startAfter) {
        var entries = new LinkedHashSet<String>();
        for (String key : sortedKeys) {
            if (!key.startsWith(prefix) || (startAfter != null && StoreFixture.UTF8.compare(key, startAfter) <= 0)) {
                continue;
            }
            int at = delimiter.isEmpty() ? -1 : key.indexOf(delimiter, prefix.length());
            entries.add(at < 0 ? key : key.substring(0, at + delimiter.length()));
        }
        return List.copyOf(entries);
    }

    private static List<String> paged(ObjectStore store, String prefix, String delimiter, String startAfter,
                                      int maxKeys) {
        var entries = new ArrayList<String>();
        String token = null;
        do {
            ListPage page = store.list(new ListQuery(prefix, Optional.of(delimiter), Optional.ofNullable(startAfter),
                    Optional.ofNullable(token), maxKeys));
            var sorted = new TreeSet<>(StoreFixture.UTF8);
            page.objects().stream().map(ObjectMeta::key).forEach(sorted::add);
            sorted.addAll(page.commonPrefixes());
            entries.addAll(sorted);
            token = page.nextToken().orElse(null);
        } while (token != null);
        return entries;
    }
}
