package proxy.storage.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.api.Test;
import proxy.api.config.ConfigException;

class S3LocationTest {

    @Test
    void rootWithPrefixMapsKeysUnderIt() {
        S3Location location = S3Location.parse("t", URI.create("s3://lake/tables/trades"));

        assertEquals(new S3Location("lake", "tables/trades/"), location);
        assertEquals("tables/trades/_delta_log/0.json", location.key("_delta_log/0.json"));
        assertEquals("_delta_log/0.json", location.relative("tables/trades/_delta_log/0.json"));
    }

    @Test
    void trailingSlashAndBareBucketAreAccepted() {
        assertEquals(new S3Location("lake", "a/b/"), S3Location.parse("t", URI.create("s3://lake/a/b/")));
        assertEquals(new S3Location("lake", ""), S3Location.parse("t", URI.create("s3://lake")));
        assertEquals(new S3Location("lake", ""), S3Location.parse("t", URI.create("s3://lake/")));
    }

    @Test
    void escapedPathCharactersAreDecoded() {
        assertEquals(new S3Location("lake", "my table/"), S3Location.parse("t", URI.create("s3://lake/my%20table")));
    }

    @Test
    void malformedRootsNameTheTable() {
        for (String root : new String[] {"s3:///prefix", "s3://user@lake/p", "s3://lake:9000/p", "s3://lake/p?x=1",
                "s3://lake/a//b", "s3://lake/a/../b", "file:/tmp"}) {
            ConfigException e = assertThrows(ConfigException.class, () -> S3Location.parse("trades", URI.create(root)),
                    root);
            assertEquals("tableMapping.trades", e.key());
        }
    }
}
