/**
 * A small keep-alive HTTP/1.1 client for the {@code s3} store's object reads (GET, HEAD): one request written in
 * one buffer per connection, a strictly parsed answer head, bodies read straight from the socket and connections
 * pooled per origin. It exists because the JDK's {@code HttpURLConnection}, through the SDK's
 * {@code UrlConnectionHttpClient}, cost about a third of the proxy's CPU on a 4 KiB GET (issue 19). Writes,
 * listings and multipart stay on the SDK client; this package knows nothing of S3 or signing.
 */
package proxy.storage.s3.wire;
