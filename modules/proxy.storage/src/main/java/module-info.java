/**
 * Object stores: {@code s3} (AWS SDK v2 on the URL-connection client; object reads on a lean keep-alive client of
 * its own) and {@code file} (java.nio).
 */
module proxy.storage {
    requires proxy.api;
    requires proxy.sigv4;
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.http.urlconnection;
    requires software.amazon.awssdk.auth;
    requires software.amazon.awssdk.awscore;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.http;
    requires software.amazon.awssdk.identity.spi;
    requires software.amazon.awssdk.regions;
    requires software.amazon.awssdk.utils;

    provides proxy.api.storage.ObjectStoreProvider with proxy.storage.file.FileStoreProvider,
            proxy.storage.s3.S3StoreProvider;
}
