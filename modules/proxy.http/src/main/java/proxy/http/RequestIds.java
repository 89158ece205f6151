package proxy.http;

import java.util.Base64;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Generates the {@code x-amz-request-id} (16 upper-case hex digits) and {@code x-amz-id-2} of each response. */
final class RequestIds {
    private final SecureRandom random = new SecureRandom();

    /** The two identifiers of one response. */
    record Ids(String requestId, String id2) {
    }

    Ids next() {
        var id = new byte[8];
        var id2 = new byte[32];
        random.nextBytes(id);
        random.nextBytes(id2);
        return new Ids(HexFormat.of().withUpperCase().formatHex(id), Base64.getEncoder().encodeToString(id2));
    }
}
