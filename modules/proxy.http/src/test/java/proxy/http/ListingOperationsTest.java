package proxy.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Bucket operations and ListObjects V1/V2 through the AWS SDK v2 client. */
class ListingOperationsTest {
    private TestServer server;
    private S3Client s3;

    @BeforeEach
    void start() {
        server = new TestServer().withListingTables();
        s3 = server.client();
    }

    @AfterEach
    void stop() {
        s3.close();
        server.close();
    }

    private ListObjectsV2Response list(ListObjectsV2Request.Builder request) {
        return s3.listObjectsV2(request.bucket("datalake").build());
    }

    private static List<String> keys(ListObjectsV2Response r) {
        return r.contents().stream().map(S3Object::key).toList();
    }

    private static List<String> prefixes(ListObjectsV2Response r) {
        return r.commonPrefixes().stream().map(CommonPrefix::prefix).toList();
    }

    @Test
    void listBucketsShowsTheOneBucket() {
        var buckets = s3.listBuckets();
        assertEquals(List.of("datalake"), buckets.buckets().stream().map(b -> b.name()).toList());
        assertEquals("tester", buckets.owner().displayName());
    }

    @Test
    void headBucketAndLocation() {
        s3.headBucket(b -> b.bucket("datalake"));
        assertEquals("", s3.getBucketLocation(b -> b.bucket("datalake")).locationConstraintAsString());
        var e = assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class,
                () -> s3.headBucket(b -> b.bucket("other")));
        assertEquals(404, e.statusCode());
    }

    @Test
    void rootWithDelimiterShowsVisibleTablesAsCommonPrefixes() {
        var root = list(ListObjectsV2Request.builder().delimiter("/"));
        assertEquals(List.of("trades/", "trips/"), prefixes(root));
        assertEquals(List.of(), keys(root));
        assertEquals(List.of("trades/"), prefixes(list(ListObjectsV2Request.builder().delimiter("/").prefix("tra"))));
        assertEquals(List.of(), prefixes(list(ListObjectsV2Request.builder().delimiter("/").prefix("hid"))));
        assertEquals(List.of(), server.hidden.calls);
    }

    @Test
    void rootWithoutDelimiterWalksTheVisibleTables() {
        var all = list(ListObjectsV2Request.builder());
        assertEquals(List.of("trades/_delta_log/00000000000000000000.json", "trades/date=2024-01-01/part-0.parquet",
                "trades/date=2024-01-02/part-0.parquet", "trades/with space+plus%/é.parquet",
                "trips/z-visible.parquet"), keys(all));
        assertFalse(all.isTruncated());
    }

    @Test
    void insideATableTheDelimiterRollsUpAndFiltersPrefixes() {
        var table = list(ListObjectsV2Request.builder().prefix("trades/").delimiter("/"));
        assertEquals(List.of("trades/_delta_log/", "trades/date=2024-01-01/", "trades/date=2024-01-02/",
                "trades/with space+plus%/"), prefixes(table));
        var partition = list(ListObjectsV2Request.builder().prefix("trades/date=2024-01-01/"));
        assertEquals(List.of("trades/date=2024-01-01/part-0.parquet"), keys(partition));
        assertEquals(1, partition.keyCount());
        assertEquals(1, partition.contents().getFirst().size());
    }

    @Test
    void unknownAndInvisibleAliasesListEmpty() {
        assertEquals(List.of(), keys(list(ListObjectsV2Request.builder().prefix("nosuch/"))));
        assertEquals(List.of(), keys(list(ListObjectsV2Request.builder().prefix("hidden_t/"))));
        assertEquals(List.of(), server.hidden.calls);
    }

    @Test
    void paginationAcrossFilteredPagesReturnsEveryVisibleKeyOnce() {
        var seen = new ArrayList<String>();
        int pages = 0;
        for (var page : s3.listObjectsV2Paginator(b -> b.bucket("datalake").maxKeys(2))) {
            seen.addAll(keys(page));
            pages++;
            assertTrue(page.keyCount() <= 2);
        }
        assertEquals(List.of("trades/_delta_log/00000000000000000000.json", "trades/date=2024-01-01/part-0.parquet",
                "trades/date=2024-01-02/part-0.parquet", "trades/with space+plus%/é.parquet",
                "trips/z-visible.parquet"), seen);
        assertTrue(pages >= 3);
    }

    @Test
    void hiddenKeysNeitherTruncateNorCostStoreCalls() {
        var first = list(ListObjectsV2Request.builder().prefix("trips/").maxKeys(1));
        assertFalse(first.isTruncated());
        assertEquals(List.of("trips/z-visible.parquet"), keys(first));
        assertEquals(List.of("list _delta_log/"), server.trips.calls, "the store lists the log only");
        assertNull(first.contents().getFirst().eTag(), "the index does not know the ETag a GET would show");
        var hiddenOnly = list(ListObjectsV2Request.builder().prefix("trips/secret").maxKeys(1));
        assertFalse(hiddenOnly.isTruncated());
        assertEquals(0, hiddenOnly.keyCount());
    }

    @Test
    void listObjectsV1SendsNextMarkerOnlyWithADelimiter() {
        var flat = s3.listObjects(b -> b.bucket("datalake").prefix("trades/").maxKeys(1));
        assertTrue(flat.isTruncated());
        assertNull(flat.nextMarker());
        var delimited = s3.listObjects(b -> b.bucket("datalake").prefix("trades/").delimiter("/").maxKeys(1));
        assertTrue(delimited.isTruncated());
        assertEquals("trades/_delta_log/", delimited.nextMarker());
    }

    @Test
    void tamperedOrForeignTokensAreInvalidArgument() {
        var first = list(ListObjectsV2Request.builder().maxKeys(1));
        String token = first.nextContinuationToken();
        String tampered = (token.charAt(0) == 'A' ? "B" : "A") + token.substring(1);
        for (var request : List.of(ListObjectsV2Request.builder().maxKeys(1).continuationToken(tampered),
                ListObjectsV2Request.builder().maxKeys(1).prefix("trips/").continuationToken(token),
                ListObjectsV2Request.builder().maxKeys(1).continuationToken("garbage"))) {
            var e = assertThrows(software.amazon.awssdk.services.s3.model.S3Exception.class, () -> list(request));
            assertEquals(400, e.statusCode());
            assertEquals("InvalidArgument", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void startAfterSkipsKeysAndTables() {
        assertEquals(List.of("trades/with space+plus%/é.parquet", "trips/z-visible.parquet"),
                keys(list(ListObjectsV2Request.builder().startAfter("trades/date=2024-01-02/part-0.parquet"))));
        assertEquals(List.of("trips/z-visible.parquet"),
                keys(list(ListObjectsV2Request.builder().startAfter("trades0"))));
    }

    @Test
    void fetchOwnerAddsOwner() {
        var withOwner = list(ListObjectsV2Request.builder().prefix("trips/").fetchOwner(true));
        assertEquals("delta-s3-proxy", withOwner.contents().getFirst().owner().displayName());
        assertEquals(null, list(ListObjectsV2Request.builder().prefix("trips/")).contents().getFirst().owner());
    }

    @Test
    void invalidMaxKeysIsInvalidArgument() throws Exception {
        var response = server.raw("GET", "/datalake?list-type=2&max-keys=abc");
        assertEquals(400, response.status());
        assertTrue(response.text().contains("<Code>InvalidArgument</Code>"), response.text());
        var capped = server.raw("GET", "/datalake?list-type=2&max-keys=5000");
        assertTrue(capped.text().contains("<MaxKeys>1000</MaxKeys>"), capped.text());
    }

    @Test
    void listObjectsV1PagesWithMarkers() {
        var seen = new ArrayList<String>();
        String marker = null;
        for (int guard = 0; guard < 20; guard++) {
            String from = marker;
            var page = s3.listObjects(b -> b.bucket("datalake").maxKeys(2).marker(from));
            page.contents().forEach(o -> seen.add(o.key()));
            if (!page.isTruncated()) {
                break;
            }
            assertNull(page.nextMarker(), "without a delimiter, clients continue from the last key");
            marker = page.contents().getLast().key();
        }
        assertEquals(List.of("trades/_delta_log/00000000000000000000.json", "trades/date=2024-01-01/part-0.parquet",
                "trades/date=2024-01-02/part-0.parquet", "trades/with space+plus%/é.parquet",
                "trips/z-visible.parquet"), seen);
        var delimited = s3.listObjects(b -> b.bucket("datalake").prefix("trades/").delimiter("/").maxKeys(2));
        assertEquals(List.of("trades/_delta_log/", "trades/date=2024-01-01/"),
                delimited.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
        assertEquals("trades/date=2024-01-01/", delimited.nextMarker());
        var next = s3.listObjects(b -> b.bucket("datalake").prefix("trades/").delimiter("/").maxKeys(2)
                .marker(delimited.nextMarker()));
        assertEquals(List.of("trades/date=2024-01-02/", "trades/with space+plus%/"),
                next.commonPrefixes().stream().map(CommonPrefix::prefix).toList());
    }

    @Test
    void rawXmlUsesS3ElementNamesAndUrlEncoding() throws Exception {
        var response = server.raw("GET", "/datalake?list-type=2&prefix=trades/with&encoding-type=url");
        assertEquals(200, response.status());
        assertEquals("application/xml", response.headers().get("content-type"));
        String xml = response.text();
        assertTrue(xml.contains("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"), xml);
        assertTrue(xml.contains("<Key>trades/with%20space%2Bplus%25/%C3%A9.parquet</Key>"), xml);
        assertTrue(xml.contains("<KeyCount>1</KeyCount>"), xml);
        assertTrue(xml.contains("<EncodingType>url</EncodingType>"), xml);
        assertTrue(xml.contains("<StorageClass>STANDARD</StorageClass>"), xml);
    }
}
