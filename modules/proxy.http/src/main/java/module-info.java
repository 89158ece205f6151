/** The S3 HTTP front: one context, virtual threads, requests parsed once into a sealed S3Request. */
module proxy.http {
    requires transitive proxy.api;
    requires proxy.s3xml;
    requires jdk.httpserver;
    requires proxy.tls;

    exports proxy.http;
}
