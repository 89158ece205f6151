/**
 * AWS Signature Version 4 verification, header and presigned forms: the claim is parsed
 * ({@link proxy.auth.sigv4.HeaderSignatureParser}, {@link proxy.auth.sigv4.PresignedQueryParser}), the canonical
 * request rebuilt from the one decoded request target ({@link proxy.sigv4.CanonicalRequest}), the signing key
 * cached per access key, date and scope ({@link proxy.sigv4.SigningKeyCache}), and signatures compared in constant
 * time. The algorithm itself lives in module {@code proxy.sigv4}, shared with the backend signer.
 */
package proxy.auth.sigv4;
