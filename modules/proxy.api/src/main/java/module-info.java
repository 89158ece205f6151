/**
 * The SPI of delta-s3-proxy and its shared vocabulary: the error codes every failure names, the immutable
 * configuration records, and the interfaces the implementation modules provide (object stores, table
 * indexes, authentication, policy, metrics). Depends on {@code java.base} only.
 */
module proxy.api {
    exports proxy.api;
    exports proxy.api.admin;
    exports proxy.api.audit;
    exports proxy.api.auth;
    exports proxy.api.config;
    exports proxy.api.delta;
    exports proxy.api.metrics;
    exports proxy.api.policy;
    exports proxy.api.storage;
}
