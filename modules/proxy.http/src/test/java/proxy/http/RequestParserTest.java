package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.auth.HttpRequestView;
import proxy.api.storage.ByteRange;

class RequestParserTest {
    private final RequestParser parser = new RequestParser("datalake");

    private S3Request parse(String method, String path, String query, String... headers) {
        var map = new java.util.HashMap<String, List<String>>();
        for (int i = 0; i < headers.length; i += 2) {
            map.put(headers[i], List.of(headers[i + 1]));
        }
        return parser.parse(new HttpRequestView(method, path, query, map));
    }

    @Test
    void serviceAndBucketRequests() {
        assertInstanceOf(S3Request.ListBuckets.class, parse("GET", "/", ""));
        assertInstanceOf(S3Request.HeadBucket.class, parse("HEAD", "/datalake", ""));
        assertInstanceOf(S3Request.GetBucketLocation.class, parse("GET", "/datalake", "location"));
        assertInstanceOf(S3Request.ListObjectsV1.class, parse("GET", "/datalake/", ""));
        assertInstanceOf(S3Request.Unsupported.class, parse("GET", "/datalake", "acl"));
        assertInstanceOf(S3Request.Unsupported.class, parse("HEAD", "/", ""));
    }

    @Test
    void listObjectsV2Parameters() {
        var request = (S3Request.ListObjectsV2) parse("GET", "/datalake", "list-type=2&prefix=trades%2Fa+b"
                + "&delimiter=%2F&start-after=x&continuation-token=t&max-keys=7&encoding-type=url&fetch-owner=true");
        var p = request.params();
        assertEquals("trades/a b", p.prefix());
        assertEquals(Optional.of("/"), p.delimiter());
        assertEquals(Optional.of("x"), p.startAfter());
        assertEquals(Optional.of("t"), p.continuationToken());
        assertEquals(7, p.maxKeys());
        assertTrue(p.urlEncoded() && p.fetchOwner());
    }

    @Test
    void invalidListParametersAreInvalidArgument() {
        for (String query : List.of("list-type=2&max-keys=-1", "list-type=2&max-keys=x", "list-type=3",
                "list-type=2&max-keys=%D9%A1", "list-type=2&max-keys=%EF%BC%95",
                "list-type=2&encoding-type=base64", "list-type=2&prefix=a//b", "list-type=2&prefix=a/%5C")) {
            var e = assertThrows(S3Exception.class, () -> parse("GET", "/datalake", query), query);
            assertEquals(S3ErrorCode.INVALID_ARGUMENT, e.code(), query);
        }
    }

    /** Echoed parameters XML cannot carry were a 500 when the listing was written (found by HostileRequestsTest). */
    @Test
    void echoedListParametersXmlCannotCarryAreInvalidArgument() {
        for (String query : List.of("list-type=2&delimiter=%00", "list-type=2&delimiter=%0d%0a",
                "list-type=2&start-after=%01", "marker=%1b", "list-type=2&delimiter=%EF%BF%BF",
                "list-type=2&prefix=a%EF%BF%BE", "list-type=2&start-after=a%7F")) {
            var e = assertThrows(S3Exception.class, () -> parse("GET", "/datalake", query), query);
            assertEquals(S3ErrorCode.INVALID_ARGUMENT, e.code(), query);
        }
        var ok = (S3Request.ListObjectsV2) parse("GET", "/datalake", "list-type=2&delimiter=%E2%88%95&start-after=a%20b");
        assertEquals("\u2215", ok.params().delimiter().orElseThrow());
    }

    @Test
    void objectRequestsCarryKeyRangeAndConditions() {
        var get = (S3Request.GetObject) parse("GET", "/datalake/trades/a%20b/c.parquet", "", "range", "bytes=0-9",
                "if-none-match", "\"e\"", "if-modified-since", "Tue, 3 Jun 2008 11:05:30 GMT");
        assertEquals(new ObjectKey("trades", "a b/c.parquet"), get.key());
        assertEquals(Optional.of(new ByteRange.Closed(0, 9)), get.range());
        assertEquals("\"e\"", get.conditions().ifNoneMatch());
        assertEquals(java.time.Instant.parse("2008-06-03T11:05:30Z"), get.conditions().ifModifiedSince());
        var head = (S3Request.HeadObject) parse("HEAD", "/datalake/trades", "");
        assertEquals(new ObjectKey("trades", ""), head.key());
    }

    @Test
    void virtualHostedStyleTakesTheBucketFromTheHost() {
        var get = (S3Request.GetObject) parse("GET", "/trades/k", "", "host", "DataLake.localhost:9000");
        assertEquals(new ObjectKey("trades", "k"), get.key());
        assertInstanceOf(S3Request.ListObjectsV2.class, parse("GET", "/", "list-type=2", "host", "datalake.x"));
        var e = assertThrows(S3Exception.class, () -> parse("GET", "/trades/k", "", "host", "other.localhost"));
        assertEquals(S3ErrorCode.NO_SUCH_BUCKET, e.code());
    }

    @Test
    void everyOtherMethodIsAWrite() {
        assertEquals(new S3Request.PutObject(new ObjectKey("trades", "k")), parse("PUT", "/datalake/trades/k", ""));
        assertEquals(new S3Request.DeleteObject(new ObjectKey("trades", "k")),
                parse("DELETE", "/datalake/trades/k", ""));
        for (String method : List.of("POST", "PATCH", "OPTIONS")) {
            assertEquals(new S3Request.Write(method), parse(method, "/datalake/trades/k", ""));
        }
        assertEquals(new S3Request.Write("PUT"), parse("PUT", "/datalake/trades/k", "uploadId=1&partNumber=1",
                "x-amz-copy-source", "datalake/trades/j"), "UploadPartCopy");
        assertEquals(new S3Request.Write("PUT"), parse("PUT", "/datalake/trades/k", "", "x-amz-copy-source",
                "datalake/trades/j"));
        assertEquals(new S3Request.Write("DELETE"), parse("DELETE", "/datalake/trades/k", "uploadId=1&tagging"));
        assertEquals(new S3Request.Write("PUT"), parse("PUT", "/datalake/", ""));
        assertEquals(new S3Request.DeleteObjects(), parse("POST", "/datalake/", "delete"));
        assertEquals(new S3Request.DeleteObjects(), parse("POST", "/datalake", "delete="));
        assertEquals(new S3Request.Write("POST"), parse("POST", "/datalake/", "delete&acl"));
        assertEquals(new S3Request.Write("POST"), parse("POST", "/datalake/trades/k", "delete"));
        assertEquals(new S3Request.Write("PUT"), parse("PUT", "/datalake/", "delete"));
        assertEquals(S3ErrorCode.NO_SUCH_BUCKET,
                assertThrows(S3Exception.class, () -> parse("PUT", "/other/k", "")).code());
    }

    @Test
    void multipartStepsAreParsedByMethodAndSubResource() {
        var key = new ObjectKey("trades", "k");
        assertEquals(new S3Request.Multipart(key, S3Request.Multipart.Step.CREATE, "", 0),
                parse("POST", "/datalake/trades/k", "uploads"));
        assertEquals(new S3Request.Multipart(key, S3Request.Multipart.Step.UPLOAD_PART, "u1", 7),
                parse("PUT", "/datalake/trades/k", "partNumber=7&uploadId=u1"));
        assertEquals(new S3Request.Multipart(key, S3Request.Multipart.Step.COMPLETE, "u1", 0),
                parse("POST", "/datalake/trades/k", "uploadId=u1"));
        assertEquals(new S3Request.Multipart(key, S3Request.Multipart.Step.ABORT, "u1", 0),
                parse("DELETE", "/datalake/trades/k", "uploadId=u1"));
        assertEquals(new S3Request.Multipart(key, S3Request.Multipart.Step.LIST_PARTS, "u1", 0),
                parse("GET", "/datalake/trades/k", "uploadId=u1"));
        for (String bad : List.of("0", "10001", "x", "", "%2B5", "%D9%A1")) {
            assertEquals(S3ErrorCode.INVALID_ARGUMENT, assertThrows(S3Exception.class,
                    () -> parse("PUT", "/datalake/trades/k", "partNumber=" + bad + "&uploadId=u1")).code(), bad);
        }
        assertEquals(new S3Request.Write("PUT"), parse("PUT", "/datalake/trades/k", "uploads"));
        assertEquals(new S3Request.Unsupported("bucket sub-resource uploads"), parse("GET", "/datalake/", "uploads"),
                "ListMultipartUploads");
    }
}
