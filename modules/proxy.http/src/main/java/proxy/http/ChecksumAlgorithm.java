package proxy.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The S3 additional checksums a client may send with an upload, in a header ({@code x-amz-checksum-crc32: <base64>})
 * or as a trailer of an aws-chunked body; the value is the base64 of the big-endian checksum or digest.
 */
enum ChecksumAlgorithm {
    CRC32, CRC32C, CRC64NVME, SHA1, SHA256;

    /** The header (and trailer) name, {@code x-amz-checksum-crc32} and so on. */
    String header() {
        return "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
    }

    /** The algorithm a header or trailer name names, if any. */
    static Optional<ChecksumAlgorithm> ofHeader(String name) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.header().equalsIgnoreCase(name.strip())) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** A running computation of this checksum. */
    Running start() {
        return switch (this) {
            case CRC32 -> new OfChecksum(new CRC32(), 4);
            case CRC32C -> new OfChecksum(new CRC32C(), 4);
            case CRC64NVME -> new OfChecksum(new Crc64Nvme(), 8);
            case SHA1 -> new OfDigest(digest("SHA-1"));
            case SHA256 -> new OfDigest(digest("SHA-256"));
        };
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is required of every JDK", e);
        }
    }

    /** A checksum being computed over the bytes fed to it. */
    interface Running {
        void update(byte[] bytes, int offset, int length);

        /** The value in the form S3 sends it: base64 of the big-endian bytes. */
        String base64();
    }

    private record OfChecksum(Checksum checksum, int width) implements Running {
        @Override
        public void update(byte[] bytes, int offset, int length) {
            checksum.update(bytes, offset, length);
        }

        @Override
        public String base64() {
            long value = checksum.getValue();
            byte[] out = new byte[width];
            for (int i = 0; i < width; i++) {
                out[i] = (byte) (value >>> (8 * (width - 1 - i)));
            }
            return Base64.getEncoder().encodeToString(out);
        }
    }

    private record OfDigest(MessageDigest digest) implements Running {
        @Override
        public void update(byte[] bytes, int offset, int length) {
            digest.update(bytes, offset, length);
        }

        @Override
        public String base64() {
            return Base64.getEncoder().encodeToString(digest.digest());
        }
    }

    /** CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, initial value and final XOR all ones). */
    static final class Crc64Nvme implements Checksum {
        private static final long[] TABLE = new long[256];

        static {
            for (int i = 0; i < 256; i++) {
                long crc = i;
                for (int bit = 0; bit < 8; bit++) {
                    crc = (crc & 1) != 0 ? (crc >>> 1) ^ 0x9A6C9329AC4BC9B5L : crc >>> 1;
                }
                TABLE[i] = crc;
            }
        }

        private long crc = -1L;

        @Override
        public void update(int b) {
            crc = TABLE[(int) ((crc ^ b) & 0xFF)] ^ (crc >>> 8);
        }

        @Override
        public void update(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                crc = TABLE[(int) ((crc ^ bytes[i]) & 0xFF)] ^ (crc >>> 8);
            }
        }

        @Override
        public long getValue() {
            return ~crc;
        }

        @Override
        public void reset() {
            crc = -1L;
        }
    }
}
