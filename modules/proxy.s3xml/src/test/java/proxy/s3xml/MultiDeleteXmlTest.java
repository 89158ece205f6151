package proxy.s3xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/** The {@code Delete} document of DeleteObjects and its {@code DeleteResult}. */
class MultiDeleteXmlTest {

    @Test
    void keysAreReadInOrderWithTheirEscapesDecoded() {
        var request = MultiDeleteXml.parse(bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<Delete xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Quiet>true</Quiet>"
                + "<Object><Key>t/a&amp;b &lt;c&gt;.parquet</Key><VersionId>v1</VersionId></Object>"
                + "<Object><Key>t/z&#x7a;</Key></Object></Delete>"));
        assertTrue(request.quiet());
        assertEquals(List.of("t/a&b <c>.parquet", "t/zz"), request.keys());
        assertEquals(List.of("t/k"), MultiDeleteXml.parse(bytes("<Delete><Object><Key>t/k</Key></Object></Delete>"))
                .keys());
    }

    @Test
    void anythingElseIsMalformedXml() {
        List<String> bodies = List.of("", "<Delete/>", "<Delete><Object/></Delete>",
                "<Delete><Object><Key></Key></Object></Delete>",
                "<Delete><Object><Key>a</Key><Key>b</Key></Object></Delete>",
                "<Other><Object><Key>a</Key></Object></Other>",
                "<Delete><Object><Key>a</Key></Object><Extra/></Delete>",
                "<Delete><Object><Key>a</Key></Object>",
                "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Delete><Object><Key>&x;</Key></Object>"
                        + "</Delete>",
                "<Delete>" + "<Object><Key>k</Key></Object>".repeat(MultiDeleteXml.MAX_KEYS + 1) + "</Delete>");
        for (String body : bodies) {
            S3Exception e = assertThrows(S3Exception.class, () -> MultiDeleteXml.parse(bytes(body)), body);
            assertEquals(S3ErrorCode.MALFORMED_XML, e.code(), body);
        }
    }

    @Test
    void theResultListsDeletedKeysUnlessQuietAndEveryError() {
        var outcomes = List.of(MultiDeleteXml.Outcome.deleted("t/a&b"),
                new MultiDeleteXml.Outcome("t/c", "AccessDenied", "Access Denied"));
        String loud = new String(MultiDeleteXml.result(false, outcomes), StandardCharsets.UTF_8);
        assertTrue(loud.contains("<DeleteResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
                + "<Deleted><Key>t/a&amp;b</Key></Deleted><Error><Key>t/c</Key><Code>AccessDenied</Code>"
                + "<Message>Access Denied</Message></Error></DeleteResult>"), loud);
        String quiet = new String(MultiDeleteXml.result(true, outcomes), StandardCharsets.UTF_8);
        assertTrue(!quiet.contains("Deleted") && quiet.contains("<Error>"), quiet);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
