package proxy.storage.file;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;
import proxy.api.S3ErrorCode;
import proxy.api.S3Exception;
import proxy.api.storage.NewObject;
import proxy.api.storage.ObjectMeta;
import proxy.api.storage.UploadedPart;

/**
 * Multipart uploads of a {@link FileStore}: each upload is a directory {@code .multipart-uploads/<id>/} under the
 * root (so every replica sharing the file system sees it) holding a sidecar {@code upload.properties} (the key,
 * content type and metadata given at creation) and one file per part with its MD5 entity tag beside it. Completion
 * streams the parts, in order, into {@link FileWrites#put} with a conditional create ({@code link(2)}), then
 * deletes the directory.
 */
final class FileMultipart {
    static final String DIRECTORY = ".multipart-uploads";

    private final Path uploads;
    private final FileWrites writes;

    FileMultipart(Path root, FileWrites writes) {
        this.uploads = root.resolve(DIRECTORY);
        this.writes = writes;
    }

    String create(String key, String contentType, Map<String, String> metadata) {
        String id = UUID.randomUUID().toString();
        var sidecar = new Properties();
        sidecar.setProperty("key", key);
        sidecar.setProperty("content-type", contentType);
        metadata.forEach((name, value) -> sidecar.setProperty("meta." + name, value));
        try {
            Path dir = Files.createDirectories(uploads.resolve(id));
            try (OutputStream out = Files.newOutputStream(dir.resolve("upload.properties"))) {
                sidecar.store(out, null);
            }
            return id;
        } catch (IOException e) {
            throw internal("CreateMultipartUpload", key, e);
        }
    }

    String uploadPart(String key, String uploadId, int partNumber, InputStream body, long length) {
        Path dir = upload(key, uploadId).dir();
        Path temp = dir.resolve("." + UUID.randomUUID());
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), md5)) {
                if (body.transferTo(out) != length) {
                    throw new S3Exception(S3ErrorCode.INCOMPLETE_BODY);
                }
            }
            String etag = '"' + HexFormat.of().formatHex(md5.digest()) + '"';
            Files.writeString(temp.resolveSibling(temp.getFileName() + ".etag"), etag);
            Files.move(temp.resolveSibling(temp.getFileName() + ".etag"), dir.resolve(part(partNumber) + ".etag"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, dir.resolve(part(partNumber)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return etag;
        } catch (IOException e) {
            throw internal("UploadPart", key, e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JDK", e);
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // a leftover temporary part is deleted with its upload
            }
        }
    }

    List<UploadedPart> listParts(String key, String uploadId) {
        Path dir = upload(key, uploadId).dir();
        List<UploadedPart> parts = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.matches("part-\\d{5}")) {
                    parts.add(new UploadedPart(Integer.parseInt(name.substring(5)),
                            Files.readString(file.resolveSibling(name + ".etag")).strip(), Files.size(file)));
                }
            }
            return parts;
        } catch (IOException e) {
            throw internal("ListParts", key, e);
        }
    }

    ObjectMeta complete(String key, String uploadId, List<UploadedPart> parts) {
        Upload upload = upload(key, uploadId);
        List<InputStream> streams = new ArrayList<>();
        long length = parts.stream().mapToLong(UploadedPart::size).sum();
        try {
            for (UploadedPart part : parts) {
                streams.add(Files.newInputStream(upload.dir().resolve(part(part.number()))));
            }
            ObjectMeta meta;
            try (InputStream body = new SequenceInputStream(Collections.enumeration(streams))) {
                meta = writes.put(key, new NewObject(body, length, upload.contentType(), upload.metadata(), true));
            }
            deleteTree(upload.dir());
            return meta;
        } catch (NoSuchFileException e) {
            throw new S3Exception(S3ErrorCode.INVALID_PART);
        } catch (IOException e) {
            throw internal("CompleteMultipartUpload", key, e);
        } finally {
            for (InputStream in : streams) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closed already by the sequence
                }
            }
        }
    }

    void abort(String key, String uploadId) {
        try {
            deleteTree(upload(key, uploadId).dir());
        } catch (IOException e) {
            throw internal("AbortMultipartUpload", key, e);
        }
    }

    /** The upload's sidecar, which must name {@code key}. */
    private Upload upload(String key, String uploadId) {
        try {
            UUID.fromString(uploadId);
        } catch (IllegalArgumentException e) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_UPLOAD);
        }
        Path dir = uploads.resolve(uploadId);
        var sidecar = new Properties();
        try (InputStream in = Files.newInputStream(dir.resolve("upload.properties"))) {
            sidecar.load(in);
        } catch (NoSuchFileException e) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_UPLOAD);
        } catch (IOException e) {
            throw internal("reading the upload of", key, e);
        }
        if (!key.equals(sidecar.getProperty("key"))) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_UPLOAD);
        }
        var metadata = new java.util.TreeMap<String, String>();
        sidecar.stringPropertyNames().stream().filter(n -> n.startsWith("meta."))
                .forEach(n -> metadata.put(n.substring(5), sidecar.getProperty(n)));
        return new Upload(dir, sidecar.getProperty("content-type", "application/octet-stream"), metadata);
    }

    private static String part(int number) {
        return String.format("part-%05d", number);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException e) {
            throw new S3Exception(S3ErrorCode.NO_SUCH_UPLOAD);
        }
    }

    private static S3Exception internal(String operation, String key, IOException e) {
        return new S3Exception(S3ErrorCode.INTERNAL_ERROR, S3ErrorCode.INTERNAL_ERROR.defaultMessage(),
                new UncheckedIOException("file store: " + operation + " " + key + " failed", e));
    }

    private record Upload(Path dir, String contentType, Map<String, String> metadata) {
    }

}
