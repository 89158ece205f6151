/** Writes S3 XML response bodies (listings, bucket location, errors) with StAX; nothing else builds XML. */
module proxy.s3xml {
    requires transitive proxy.api;
    requires java.xml;

    exports proxy.s3xml;
}
