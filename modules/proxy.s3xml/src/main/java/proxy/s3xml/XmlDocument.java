package proxy.s3xml;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * A UTF-8 document being written with StAX: thin helpers for the element shapes S3 uses. One instance per body;
 * not thread-safe.
 */
final class XmlDocument {
    private static final DateTimeFormatter ISO_MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
    private final XMLStreamWriter writer;
    private final boolean urlEncoded;

    /**
     * Starts a document whose root element is in the given namespace (none when null).
     *
     * @param urlEncoded whether {@link #encoded} URL-encodes its values
     */
    XmlDocument(String root, String namespace, boolean urlEncoded) {
        this.urlEncoded = urlEncoded;
        try {
            writer = XMLOutputFactory.newFactory().createXMLStreamWriter(bytes, "UTF-8");
            writer.writeStartDocument("UTF-8", "1.0");
            if (namespace == null) {
                writer.writeStartElement(root);
            } else {
                writer.writeStartElement("", root, namespace);
                writer.writeDefaultNamespace(namespace);
            }
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot start XML document " + root, e);
        }
    }

    /** Opens a child element. */
    XmlDocument start(String name) {
        try {
            writer.writeStartElement(name);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write element " + name, e);
        }
        return this;
    }

    /** Closes the innermost open element. */
    XmlDocument end() {
        try {
            writer.writeEndElement();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot close element", e);
        }
        return this;
    }

    /** Writes {@code <name>text</name>}. */
    XmlDocument element(String name, String text) {
        return start(name).text(text).end();
    }

    /** Writes character data into the open element. */
    XmlDocument text(String text) {
        try {
            writer.writeCharacters(text);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write character data", e);
        }
        return this;
    }

    /** Writes {@code <name>text</name>}, URL-encoding the text when the document asks for it. */
    XmlDocument encoded(String name, String text) {
        return element(name, urlEncoded ? urlEncode(text) : text);
    }

    /** Writes a timestamp as ISO-8601 with milliseconds in UTC, as S3 does. */
    XmlDocument time(String name, Instant instant) {
        return element(name, ISO_MILLIS.format(instant));
    }

    /** Closes the root element and the document and returns the bytes. */
    byte[] finish() {
        try {
            writer.writeEndElement();
            writer.writeEndDocument();
            writer.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot finish XML document", e);
        }
        return bytes.toByteArray();
    }

    /**
     * URL-encodes a value as S3 does for {@code encoding-type=url}: UTF-8 percent-encoding, space as {@code %20},
     * {@code /} kept as is.
     */
    static String urlEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }
}
