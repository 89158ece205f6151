/**
 * The client-side {@code local-proxy} helper for delta-s3-proxy's {@code presignedUrl} mode.
 *
 * <p>In that mode the proxy answers GETs of data files with {@code 307} and a presigned backend URL. Clients that
 * re-send their {@code Authorization} header to that URL are rejected by S3, and AWS SDK v2 clients do not follow
 * redirects at all. The helper runs next to the client, follows such redirects itself with only the
 * {@code Range} header, and streams the object back. It always runs with {@code --upstream http://proxy:18080}
 * and forwards reads ({@code GET}, {@code HEAD}, no body) to that upstream only. Two ways to put it in the path,
 * served by one listener:
 * <ul>
 *   <li>endpoint mode: the client's S3 endpoint becomes {@code http://127.0.0.1:28080} (path-style), e.g.
 *       {@code fs.s3a.endpoint=http://127.0.0.1:28080}, {@code fs.s3a.path.style.access=true}; requests reach the
 *       proxy byte for byte, including the signed {@code Host};</li>
 *   <li>forward-proxy mode: the client keeps the upstream {@code http://proxy:18080} as endpoint and uses the helper
 *       as its HTTP proxy ({@code fs.s3a.proxy.host=127.0.0.1}, {@code fs.s3a.proxy.port=28080}); an absolute-form
 *       request naming any other origin is refused with 403.</li>
 * </ul>
 * Only the upstream's redirects are followed, and only to presigned object-store URLs ({@link
 * proxy.localproxy.LocalProxy} says which).
 * Entry points: {@link proxy.localproxy.LocalProxyCommand} for the command line, {@link proxy.localproxy.LocalProxy} for
 * embedding.
 */
package proxy.localproxy;
