/**
 * The {@code file} store: a table in a local directory, keyed by relative paths, listed in S3's UTF-8 byte order
 * ({@link proxy.api.storage.Utf8Order}), with ETags from size and modification time. It cannot presign, so its
 * GETs are always streamed. Keys that would leave the root map to nothing ({@link proxy.storage.file.FileTree}).
 */
package proxy.storage.file;
