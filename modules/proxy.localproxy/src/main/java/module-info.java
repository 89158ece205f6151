/** The client-side {@code local-proxy} helper: follows presigned redirects sending only {@code Range}. */
module proxy.localproxy {
    requires java.net.http;
    requires jdk.httpserver;

    exports proxy.localproxy;
}
