/**
 * The one AWS Signature Version 4 implementation of the code base: canonical requests, URI encoding, signing
 * times, signing-key derivation with its cache, and signing (header and presigned query). Used by the verifier
 * ({@code proxy.authz}) and by the backend signer ({@code proxy.storage}); pure computation, no I/O.
 */
module proxy.sigv4 {
    requires transitive proxy.api;

    exports proxy.sigv4;
}
