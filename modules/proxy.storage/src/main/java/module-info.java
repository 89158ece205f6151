/** Object stores: {@code s3} (AWS SDK v2 on the URL-connection client) and {@code file} (java.nio). */
module proxy.storage {
    requires proxy.api;
    requires software.amazon.awssdk.services.s3;
    requires software.amazon.awssdk.http.urlconnection;

    provides proxy.api.storage.ObjectStoreProvider with proxy.storage.file.FileStoreProvider,
            proxy.storage.s3.S3StoreProvider;
}
