package proxy.s3xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class S3XmlWriterTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05.678Z");
    private static final Owner OWNER = new Owner("id-1", "tester");

    private static Document parse(byte[] xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    private static String text(Element parent, String name) {
        var nodes = parent.getElementsByTagNameNS("*", name);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    @Test
    void listBucketsHasOwnerAndBucketsInS3Namespace() throws Exception {
        Element root = parse(S3XmlWriter.listBuckets(new ListAllMyBucketsResult(OWNER,
                List.of(new BucketEntry("datalake", T))))).getDocumentElement();
        assertEquals("ListAllMyBucketsResult", root.getLocalName());
        assertEquals(S3XmlWriter.NAMESPACE, root.getNamespaceURI());
        assertEquals("id-1", text(root, "ID"));
        assertEquals("tester", text(root, "DisplayName"));
        Element bucket = (Element) root.getElementsByTagNameNS(S3XmlWriter.NAMESPACE, "Bucket").item(0);
        assertEquals("datalake", text(bucket, "Name"));
        assertEquals("2026-01-02T03:04:05.678Z", text(bucket, "CreationDate"));
    }

    @Test
    void listObjectsV2WritesEveryElement() throws Exception {
        var entry = new ObjectEntry("trades/a.parquet", T, Optional.of("\"abc\""), 42, Optional.of(OWNER));
        var result = new ListObjectsV2Result("datalake", "trades/", Optional.of("/"), 1000, true,
                Optional.of("tok1"), Optional.of("tok2"), Optional.of("trades/0"), false, List.of(entry),
                List.of("trades/_delta_log/"));
        Element root = parse(S3XmlWriter.listObjectsV2(result)).getDocumentElement();
        assertEquals("ListBucketResult", root.getLocalName());
        assertEquals(S3XmlWriter.NAMESPACE, root.getNamespaceURI());
        assertEquals("datalake", text(root, "Name"));
        assertEquals("/", text(root, "Delimiter"));
        assertEquals("1000", text(root, "MaxKeys"));
        assertEquals("2", text(root, "KeyCount"));
        assertEquals("true", text(root, "IsTruncated"));
        assertEquals("tok1", text(root, "ContinuationToken"));
        assertEquals("tok2", text(root, "NextContinuationToken"));
        assertEquals("trades/0", text(root, "StartAfter"));
        assertNull(text(root, "EncodingType"));
        Element contents = (Element) root.getElementsByTagNameNS(S3XmlWriter.NAMESPACE, "Contents").item(0);
        assertEquals("trades/a.parquet", text(contents, "Key"));
        assertEquals("2026-01-02T03:04:05.678Z", text(contents, "LastModified"));
        assertEquals("\"abc\"", text(contents, "ETag"));
        assertEquals("42", text(contents, "Size"));
        assertEquals("STANDARD", text(contents, "StorageClass"));
        assertEquals("tester", text(contents, "DisplayName"));
        Element common = (Element) root.getElementsByTagNameNS(S3XmlWriter.NAMESPACE, "CommonPrefixes").item(0);
        assertEquals("trades/_delta_log/", text(common, "Prefix"));
    }

    @Test
    void anUnknownEtagIsLeftOutRatherThanInvented() throws Exception {
        var entry = new ObjectEntry("t/k", T, Optional.empty(), 7, Optional.empty());
        var result = new ListObjectsV2Result("datalake", "", Optional.empty(), 1000, false, Optional.empty(),
                Optional.empty(), Optional.empty(), false, List.of(entry), List.of());
        Element root = parse(S3XmlWriter.listObjectsV2(result)).getDocumentElement();
        Element contents = (Element) root.getElementsByTagNameNS(S3XmlWriter.NAMESPACE, "Contents").item(0);
        assertNull(text(contents, "ETag"));
        assertEquals("7", text(contents, "Size"));
    }

    @Test
    void urlEncodingAppliesToKeysPrefixesDelimiterAndStartAfter() throws Exception {
        var entry = new ObjectEntry("t/a b+c%é.parquet", T, Optional.of("\"e\""), 1, Optional.empty());
        var result = new ListObjectsV2Result("datalake", "t/a b", Optional.of("&"), 10, false, Optional.empty(),
                Optional.empty(), Optional.of("t/a b"), true, List.of(entry), List.of("t/x y&"));
        Element root = parse(S3XmlWriter.listObjectsV2(result)).getDocumentElement();
        assertEquals("url", text(root, "EncodingType"));
        assertEquals("t/a%20b%2Bc%25%C3%A9.parquet", text(root, "Key"));
        assertEquals("t/a%20b", text(root, "StartAfter"));
        assertEquals("%26", text(root, "Delimiter"));
        assertEquals("t/x%20y%26", text((Element) root.getElementsByTagNameNS("*", "CommonPrefixes").item(0),
                "Prefix"));
        assertNull(text(root, "Owner"));
    }

    @Test
    void listObjectsV1WritesMarkers() throws Exception {
        var entry = new ObjectEntry("t/k", T, Optional.of("\"e\""), 7, Optional.of(OWNER));
        var result = new ListObjectsV1Result("datalake", "t/", "t/a", Optional.of("t/k"), Optional.of("/"), 1,
                true, false, List.of(entry), List.of());
        Element root = parse(S3XmlWriter.listObjectsV1(result)).getDocumentElement();
        assertEquals("ListBucketResult", root.getLocalName());
        assertEquals("t/a", text(root, "Marker"));
        assertEquals("t/k", text(root, "NextMarker"));
        assertEquals("true", text(root, "IsTruncated"));
        assertNull(text(root, "KeyCount"));
        assertEquals("7", text(root, "Size"));
    }

    @Test
    void locationConstraintIsEmptyForUsEast1() throws Exception {
        Element east = parse(S3XmlWriter.locationConstraint("us-east-1")).getDocumentElement();
        assertEquals("LocationConstraint", east.getLocalName());
        assertEquals(S3XmlWriter.NAMESPACE, east.getNamespaceURI());
        assertEquals("", east.getTextContent());
        assertEquals("eu-west-1", parse(S3XmlWriter.locationConstraint("eu-west-1")).getDocumentElement()
                .getTextContent());
    }

    @Test
    void errorHasNoNamespaceAndEscapesText() throws Exception {
        byte[] xml = S3XmlWriter.error(new ErrorResponse("NoSuchKey", "a <b> & c", "/datalake/t/k", "ABC123"));
        Element root = parse(xml).getDocumentElement();
        assertEquals("Error", root.getLocalName());
        assertNull(root.getNamespaceURI());
        assertEquals("NoSuchKey", text(root, "Code"));
        assertEquals("a <b> & c", text(root, "Message"));
        assertEquals("/datalake/t/k", text(root, "Resource"));
        assertEquals("ABC123", text(root, "RequestId"));
        assertTrue(new String(xml, java.nio.charset.StandardCharsets.UTF_8).startsWith("<?xml"));
    }

    @Test
    void errorNamesTheBucketAndKeyAfterTheMessageWhenGiven() throws Exception {
        byte[] xml = S3XmlWriter.error(new ErrorResponse("NoSuchKey", "m", java.util.Optional.of("datalake"),
                java.util.Optional.of("t/a <&> b"), "/datalake/t/k", "ABC123"));
        Element root = parse(xml).getDocumentElement();
        assertEquals("datalake", text(root, "BucketName"));
        assertEquals("t/a <&> b", text(root, "Key"));
        var names = new java.util.ArrayList<String>();
        for (var n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            names.add(n.getNodeName());
        }
        assertEquals(java.util.List.of("Code", "Message", "BucketName", "Key", "Resource", "RequestId"), names);
        String plain = new String(S3XmlWriter.error(new ErrorResponse("AccessDenied", "m", "/r", "I")),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(!plain.contains("<Key>") && !plain.contains("<BucketName>"), plain);
    }
}
