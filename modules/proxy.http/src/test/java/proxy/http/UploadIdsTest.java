package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.config.Secret;

class UploadIdsTest {
    private final UploadIds ids = new UploadIds(new Secret("upload-ids-test-key-0123456789"));

    @Test
    void anIdOpensForItsInitiatorTableAndKeyOnly() {
        String id = ids.issue("t", "MIC=XLON/a.parquet", "alice", "backend~id.with/odd=chars");
        assertEquals(Optional.of("backend~id.with/odd=chars"), ids.open(id, "t", "MIC=XLON/a.parquet", "alice"));
        assertEquals(Optional.empty(), ids.open(id, "t", "MIC=XLON/a.parquet", "carol"));
        assertEquals(Optional.empty(), ids.open(id, "t", "MIC=XLON/b.parquet", "alice"));
        assertEquals(Optional.empty(), ids.open(id, "u", "MIC=XLON/a.parquet", "alice"));
        assertEquals(Optional.empty(), new UploadIds(new Secret("another-key-0123456789012345"))
                .open(id, "t", "MIC=XLON/a.parquet", "alice"), "a replica with another key");
        assertEquals(Optional.empty(), ids.open("not-an-id", "t", "MIC=XLON/a.parquet", "alice"));
        assertEquals(Optional.empty(), ids.open("!!!." + id.substring(id.indexOf('.') + 1), "t",
                "MIC=XLON/a.parquet", "alice"));
    }

    @Test
    void aCompletionListsItsPartsInAscendingOrder() {
        var parts = CompletionParts.parse(bytes("<?xml version=\"1.0\"?><CompleteMultipartUpload xmlns=\"x\">"
                + "<Part><ETag>&quot;aa&quot;</ETag><PartNumber>1</PartNumber></Part>"
                + "<Part><PartNumber>3</PartNumber><ETag>\"bb\"</ETag><ChecksumCRC32>x</ChecksumCRC32></Part>"
                + "</CompleteMultipartUpload>"));
        assertEquals(List.of(new CompletionParts.Requested(1, "aa"), new CompletionParts.Requested(3, "bb")), parts);
        assertEquals(S3ErrorCode.INVALID_PART_ORDER, code("<CompleteMultipartUpload><Part><PartNumber>2</PartNumber>"
                + "<ETag>a</ETag></Part><Part><PartNumber>2</PartNumber><ETag>b</ETag></Part>"
                + "</CompleteMultipartUpload>"));
        assertEquals(S3ErrorCode.MALFORMED_XML, code("<CompleteMultipartUpload></CompleteMultipartUpload>"));
        assertEquals(S3ErrorCode.MALFORMED_XML, code("<Other/>"));
        assertEquals(S3ErrorCode.MALFORMED_XML, code("<CompleteMultipartUpload><Part><PartNumber>0</PartNumber>"
                + "<ETag>a</ETag></Part></CompleteMultipartUpload>"));
    }

    private static S3ErrorCode code(String body) {
        return assertThrows(S3Exception.class, () -> CompletionParts.parse(bytes(body))).code();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
