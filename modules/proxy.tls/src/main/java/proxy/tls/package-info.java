/**
 * HTTPS for the S3 endpoint and the metrics server: certificates from PEM or PKCS#12 files
 * ({@link proxy.tls.CredentialFiles}), reloaded when the files change without a restart
 * ({@link proxy.tls.ServerCertificate}, {@link proxy.tls.SwappableSslContext}: a broken new file keeps the old
 * certificate), and the factory of plain or TLS JDK servers ({@link proxy.tls.HttpServers}).
 */
package proxy.tls;
