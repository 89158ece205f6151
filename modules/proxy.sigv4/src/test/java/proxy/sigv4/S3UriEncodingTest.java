package proxy.sigv4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class S3UriEncodingTest {

    @Test
    void unreservedTextIsReturnedAsItIs() {
        for (String text : new String[] {"", "abc", "a-b_c.d~e", "AZaz09"}) {
            assertSame(text, S3UriEncoding.encode(text), text);
        }
    }

    @Test
    void everyOtherUtf8ByteIsEscapedInUpperCase() {
        assertEquals("MIC%3DXLON", S3UriEncoding.encode("MIC=XLON"));
        assertEquals("a%2Bb%20c%25", S3UriEncoding.encode("a+b c%"));
        assertEquals("Z%C3%BCrich", S3UriEncoding.encode("Zürich"));
        assertEquals("%E6%9D%B1%E4%BA%AC%F0%9F%98%80", S3UriEncoding.encode("東京😀"));
        assertEquals("%2F%5C%00", S3UriEncoding.encode("/\\\u0000"));
    }

    @Test
    void pathsKeepTheirSlashesAndEncodeEverythingElse() {
        assertEquals("t/city%3DZ%C3%BCrich/a%20b%2Bc%25d/%E6%9D%B1%E4%BA%AC.parquet",
                S3UriEncoding.encodePath("t/city=Zürich/a b+c%d/東京.parquet"));
        assertSame("a/b-c/d.e", S3UriEncoding.encodePath("a/b-c/d.e"));
        assertEquals("a%2Fb", S3UriEncoding.encode("a/b"));
    }
}
