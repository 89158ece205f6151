/**
 * AWS Signature Version 4, once: {@link proxy.sigv4.CanonicalRequest} (from a decoded request target or from
 * canonical parts), {@link proxy.sigv4.S3UriEncoding}, {@link proxy.sigv4.SigningTime}, signing keys derived and
 * cached by {@link proxy.sigv4.SigningKeyCache}, and {@link proxy.sigv4.SigV4Signer} for outgoing requests
 * (header and presigned query). Cross-checked against the AWS SDK's signer in tests.
 */
package proxy.sigv4;
