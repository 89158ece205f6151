package proxy.delta.log;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import proxy.api.storage.ObjectKeys;

/**
 * Where a deletion vector descriptor's file is (PROTOCOL.md, "Deletion Vector Descriptor"): storage type
 * {@code u} is {@code <random prefix><20 chars of Z85-encoded UUID>} and names
 * {@code <random prefix>/deletion_vector_<uuid>.bin} relative to the table root (no directory when the prefix is
 * empty); {@code p} is an absolute path; {@code i} is inline and names no file.
 */
public final class DeletionVectorPaths {
    private static final String Z85 =
            "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-:+=^!/*?&<>()[]{}@%$#";
    private static final int UUID_CHARS = 20;

    private final TablePaths paths;

    public DeletionVectorPaths(TablePaths paths) {
        this.paths = Objects.requireNonNull(paths, "paths");
    }

    /** The key of the file a descriptor names, or empty (inline, malformed, or outside the table). */
    public Optional<String> keyOf(FileAction.DeletionVectorRef dv) {
        return switch (dv.storageType()) {
            case "u" -> relative(dv.pathOrInlineDv());
            case "p" -> paths.keyOf(dv.pathOrInlineDv());
            default -> Optional.empty();
        };
    }

    private static Optional<String> relative(String encoded) {
        if (encoded.length() < UUID_CHARS) {
            return Optional.empty();
        }
        String prefix = encoded.substring(0, encoded.length() - UUID_CHARS);
        return decodeUuid(encoded.substring(encoded.length() - UUID_CHARS)).map(uuid -> {
            String name = "deletion_vector_" + uuid + ".bin";
            return prefix.isEmpty() ? name : prefix + "/" + name;
        }).filter(ObjectKeys::validKey);
    }

    /** Decodes 20 Z85 characters into the 16 bytes of a UUID (big-endian, most significant half first). */
    static Optional<UUID> decodeUuid(String z85) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        for (int block = 0; block < 4; block++) {
            long value = 0;
            for (int i = 0; i < 5; i++) {
                int digit = Z85.indexOf(z85.charAt(block * 5 + i));
                if (digit < 0) {
                    return Optional.empty();
                }
                value = value * 85 + digit;
            }
            if (value > 0xFFFF_FFFFL) {
                return Optional.empty();
            }
            bytes.putInt((int) value);
        }
        bytes.flip();
        return Optional.of(new UUID(bytes.getLong(), bytes.getLong()));
    }
}
