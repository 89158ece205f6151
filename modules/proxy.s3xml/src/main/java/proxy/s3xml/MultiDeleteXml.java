package proxy.s3xml;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;

/**
 * The bodies of {@code DeleteObjects} ({@code POST /bucket?delete}): the request's {@code Delete} document, read
 * with StAX (no DTD, no external entity), and the {@code DeleteResult} answer. Stateless and thread-safe.
 */
public final class MultiDeleteXml {
    /** The most keys one request may name, as on S3. */
    public static final int MAX_KEYS = 1000;

    private MultiDeleteXml() {
    }

    /**
     * A parsed {@code Delete} document.
     *
     * @param quiet whether only errors are answered
     * @param keys  the bucket-relative keys, in order (version ids are ignored: the proxy serves no versions)
     */
    public record Request(boolean quiet, List<String> keys) {
        public Request {
            keys = List.copyOf(keys);
        }
    }

    /**
     * The answer for one key: deleted, or an error.
     *
     * @param code    the S3 error code, or null when the key was deleted
     * @param message the error message, or null
     */
    public record Outcome(String key, String code, String message) {
        public Outcome {
            Objects.requireNonNull(key, "key");
        }

        /** A deleted key. */
        public static Outcome deleted(String key) {
            return new Outcome(key, null, null);
        }
    }

    /**
     * Reads a {@code Delete} document.
     *
     * @throws S3Exception MalformedXML for anything else, no key, more than {@link #MAX_KEYS} keys or an empty key
     */
    public static Request parse(byte[] body) {
        // The JDK's own parser: newFactory() would take whichever StAX provider the class path offers (hadoop's
        // shaded Woodstox in the image), with other property names and defaults.
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        try {
            XMLStreamReader xml = factory.createXMLStreamReader(new ByteArrayInputStream(body));
            xml.nextTag();
            require(xml.getLocalName().equals("Delete"));
            boolean quiet = false;
            List<String> keys = new ArrayList<>();
            while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
                switch (xml.getLocalName()) {
                    case "Quiet" -> quiet = Boolean.parseBoolean(xml.getElementText().strip());
                    case "Object" -> keys.add(object(xml));
                    default -> throw malformed();
                }
            }
            while (xml.hasNext()) {
                xml.next(); // trailing whitespace and comments; anything malformed throws
            }
            require(!keys.isEmpty() && keys.size() <= MAX_KEYS);
            return new Request(quiet, keys);
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof S3Exception s3) {
                throw s3;
            }
            throw malformed();
        }
    }

    private static String object(XMLStreamReader xml) throws XMLStreamException {
        String key = null;
        while (xml.nextTag() == XMLStreamConstants.START_ELEMENT) {
            String name = xml.getLocalName();
            String text = xml.getElementText();
            if (name.equals("Key")) {
                require(key == null);
                key = text;
            } else {
                require(name.equals("VersionId") || name.equals("ETag") || name.equals("LastModifiedTime")
                        || name.equals("Size"));
            }
        }
        require(key != null && !key.isEmpty());
        return key;
    }

    /** {@code DeleteResult}: a {@code Deleted} element per deleted key (unless quiet), an {@code Error} per other. */
    public static byte[] result(boolean quiet, List<Outcome> outcomes) {
        var doc = new XmlDocument("DeleteResult", S3XmlWriter.NAMESPACE, false);
        for (Outcome o : outcomes) {
            if (o.code() == null) {
                if (!quiet) {
                    doc.start("Deleted").element("Key", o.key()).end();
                }
            } else {
                doc.start("Error").element("Key", o.key()).element("Code", o.code())
                        .element("Message", o.message() == null ? "" : o.message()).end();
            }
        }
        return doc.finish();
    }

    private static void require(boolean condition) {
        if (!condition) {
            throw malformed();
        }
    }

    private static S3Exception malformed() {
        return new S3Exception(S3ErrorCode.MALFORMED_XML);
    }
}
