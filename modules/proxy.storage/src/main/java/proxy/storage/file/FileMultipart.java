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
import java.util.Optional;
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
 * deletes the directory. The completed object is stamped ({@link FileWrites#CREATE_STAMP}) with the upload id and
 * a digest of the parts listed, so a replayed completion (the client never got the first answer) is told from a
 * lost race and answered with the object, also once the upload's directory is gone.
 */
final class FileMultipart {
    static final String DIRECTORY = ".multipart-uploads";

    private final Path root;
    private final Path uploads;
    private final FileWrites writes;

    FileMultipart(Path root, FileWrites writes) {
        this.root = root;
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
        Upload upload;
        try {
            upload = upload(key, uploadId);
        } catch (S3Exception e) {
            if (e.code() != S3ErrorCode.NO_SUCH_UPLOAD) {
                throw e;
            }
            return completed(key, uploadId, parts).orElseThrow(() -> e);
        }
        List<InputStream> streams = new ArrayList<>();
        long length = parts.stream().mapToLong(UploadedPart::size).sum();
        try {
            for (UploadedPart part : parts) {
                streams.add(Files.newInputStream(upload.dir().resolve(part(part.number()))));
            }
            var metadata = new java.util.TreeMap<>(upload.metadata());
            metadata.put(FileWrites.CREATE_STAMP, stamp(uploadId, parts));
            ObjectMeta meta;
            try (InputStream body = new SequenceInputStream(Collections.enumeration(streams))) {
                meta = writes.put(key, new NewObject(body, length, upload.contentType(), metadata, true));
            } catch (S3Exception e) {
                if (e.code() != S3ErrorCode.PRECONDITION_FAILED) {
                    throw e;
                }
                meta = completed(key, uploadId, parts).orElseThrow(() -> e);
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

    /** The object a completion of this upload assembled at {@code key} from these parts (by its stamp). */
    Optional<ObjectMeta> completed(String key, String uploadId, List<UploadedPart> parts) {
        Path file = root.resolve(key).normalize();
        try {
            if (!file.startsWith(root) || !Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                    || !stamp(uploadId, parts).equals(writes.storedMetadata(file, key).get(FileWrites.CREATE_STAMP))) {
                return Optional.empty();
            }
            return Optional.of(FileStore.meta(key, Files.readAttributes(file,
                    java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw internal("reading the completed upload of", key, e);
        } catch (S3Exception e) {
            if (e.code() == S3ErrorCode.NO_SUCH_KEY) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The upload id and a SHA-256 of the parts' numbers and entity tags. */
    private static String stamp(String uploadId, List<UploadedPart> parts) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (UploadedPart part : parts) {
                String etag = part.etag().replace("\"", "").strip().toLowerCase(java.util.Locale.ROOT);
                sha256.update((part.number() + ":" + etag + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            return uploadId + "/" + HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
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
