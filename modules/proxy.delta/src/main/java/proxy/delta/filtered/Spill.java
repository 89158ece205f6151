package proxy.delta.filtered;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A write-once buffer that stays in memory up to a bound and then moves to a temporary file, so that no upstream
 * object of any size is held in memory. Closing deletes the file.
 */
final class Spill extends OutputStream {
    private static final int MEMORY_BOUND = 1 << 20;

    private final Path dir;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;

    Spill(Path dir) {
        this.dir = dir;
    }

    /** Copies a whole stream into a new spill file (for readers that need random access). */
    static Path toFile(InputStream in, Path dir) throws IOException {
        Path file = Files.createTempFile(dir, "upstream-", ".tmp");
        try (in) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (fileOut == null && memory.size() + len > MEMORY_BOUND) {
            file = Files.createTempFile(dir, "spill-", ".tmp");
            fileOut = new java.io.BufferedOutputStream(Files.newOutputStream(file));
            memory.writeTo(fileOut);
            memory = null;
        }
        if (fileOut != null) {
            fileOut.write(b, off, len);
        } else {
            memory.write(b, off, len);
        }
    }

    /** Copies everything written so far to {@code out}. */
    void copyTo(OutputStream out) throws IOException {
        if (fileOut == null) {
            memory.writeTo(out);
            return;
        }
        fileOut.flush();
        Files.copy(file, out);
    }

    @Override
    public void close() throws IOException {
        if (fileOut != null) {
            fileOut.close();
            Files.deleteIfExists(file);
        }
    }
}
