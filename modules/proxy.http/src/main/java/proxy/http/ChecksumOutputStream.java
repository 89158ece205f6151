package proxy.http;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Optional;

/** Passes bytes on and feeds them to an additional checksum on the way, when there is one. */
final class ChecksumOutputStream extends FilterOutputStream {
    private final Optional<ChecksumAlgorithm.Running> checksum;

    ChecksumOutputStream(OutputStream out, Optional<ChecksumAlgorithm.Running> checksum) {
        super(out);
        this.checksum = checksum;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        checksum.ifPresent(c -> c.update(bytes, offset, length));
        out.write(bytes, offset, length);
    }
}
