package proxy.delta.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.delta.kernel.utils.FileStatus;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import proxy.storage.file.FileStore;

/** Kernel's file view of a store: listing from a file name, status, and seekable ranged reads. */
class StoreFileIOTest {
    @TempDir
    Path dir;

    @Test
    void listFromIsInclusiveSortedAndStaysInTheDirectory() throws IOException {
        Files.createDirectories(dir.resolve("_delta_log/_sidecars"));
        for (String name : List.of("00000000000000000001.json", "00000000000000000002.json",
                "00000000000000000002.checkpoint.parquet", "00000000000000000003.json", "_last_checkpoint")) {
            Files.writeString(dir.resolve("_delta_log").resolve(name), name);
        }
        Files.writeString(dir.resolve("_delta_log/_sidecars/00000000000000000009.parquet"), "s");
        StoreFileIO io = new StoreFileIO(new FileStore(dir.toUri(), dir));
        List<String> listed = new ArrayList<>();
        try (var it = io.listFrom(StoreFileIO.pathOf("_delta_log/00000000000000000002.json"))) {
            it.forEachRemaining(s -> listed.add(StoreFileIO.keyOf(s.getPath())));
        }
        assertEquals(List.of("_delta_log/00000000000000000002.json", "_delta_log/00000000000000000003.json",
                "_delta_log/_last_checkpoint"), listed);
        FileStatus status = io.getFileStatus(StoreFileIO.pathOf("_delta_log/00000000000000000003.json"));
        assertEquals(25, status.getSize());
        assertThrows(FileNotFoundException.class, () -> io.getFileStatus(StoreFileIO.pathOf("_delta_log/none")));
        assertThrows(UnsupportedOperationException.class, () -> io.newOutputFile(StoreFileIO.pathOf("x")));
    }

    @Test
    void seekableStreamsReadRangesAnywhere() throws IOException {
        byte[] content = new byte[10_000];
        for (int i = 0; i < content.length; i++) {
            content[i] = (byte) (i * 31);
        }
        Files.write(dir.resolve("f.bin"), content);
        StoreFileIO io = new StoreFileIO(new FileStore(dir.toUri(), dir));
        try (var in = io.newInputFile(StoreFileIO.pathOf("f.bin"), content.length).newStream()) {
            in.seek(9_990);
            byte[] tail = new byte[10];
            in.readFully(tail, 0, 10);
            assertArrayEquals(java.util.Arrays.copyOfRange(content, 9_990, 10_000), tail);
            assertEquals(-1, in.read());
            in.seek(100);
            assertEquals(content[100] & 0xFF, in.read());
            byte[] next = new byte[50];
            in.readFully(next, 0, 50);
            assertArrayEquals(java.util.Arrays.copyOfRange(content, 101, 151), next);
            assertEquals(151, in.getPos());
            assertThrows(java.io.EOFException.class, () -> in.readFully(new byte[20_000], 0, 20_000));
        }
        assertEquals("x/y", StoreFileIO.keyOf("store:///x/y"));
        assertEquals("a", StoreFileIO.keyOf(StoreFileIO.pathOf("a")));
    }
}
