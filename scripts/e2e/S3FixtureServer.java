import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;
import proxy.testkit.S3TestServer;

/**
 * Script-local helper for scripts/e2e/clients (not product code): starts the testkit's in-process S3 server
 * (S3Proxy over a temporary directory, 127.0.0.1, a free port), creates a bucket, uploads every fixture table under
 * a key prefix, writes {@code endpoint=}, {@code accessKey=} and {@code secretKey=} lines to a file once ready, then
 * serves until the process is terminated (the shutdown hook stops the server and deletes its data).
 *
 * <p>Usage: {@code java -cp <testkit classpath> S3FixtureServer.java TABLES_DIR BUCKET PREFIX READY_FILE}
 */
public final class S3FixtureServer {

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: S3FixtureServer TABLES_DIR BUCKET PREFIX READY_FILE");
            System.exit(2);
        }
        Path tables = Path.of(args[0]);
        String bucket = args[1];
        String prefix = args[2];
        Path ready = Path.of(args[3]);
        S3TestServer server = new S3TestServer();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        server.createBucket(bucket);
        int uploaded = 0;
        try (Stream<Path> dirs = Files.list(tables)) {
            for (Path table : dirs.filter(Files::isDirectory).sorted().toList()) {
                uploaded += server.uploadDirectory(table, bucket, prefix + table.getFileName() + "/").size();
            }
        }
        Path tmp = ready.resolveSibling(ready.getFileName() + ".tmp");
        Files.write(tmp, List.of("endpoint=" + server.endpoint(), "accessKey=" + server.accessKey(),
                "secretKey=" + server.secretKey(), "objects=" + uploaded));
        Files.move(tmp, ready, StandardCopyOption.ATOMIC_MOVE);
        System.err.println("S3FixtureServer: " + uploaded + " objects in s3://" + bucket + "/" + prefix
                + " at " + server.endpoint());
        Thread.currentThread().join();
    }
}
