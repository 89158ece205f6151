package proxy.storage.s3;

import org.junit.jupiter.api.condition.EnabledIf;
import proxy.testkit.S3Backend;
import proxy.testkit.S3Backends;

/** Every s3 store test again, against MinIO; skipped with "no Docker engine" when there is none. */
@EnabledIf(value = "proxy.testkit.S3Backends#dockerAvailable", disabledReason = S3Backends.NO_DOCKER)
class S3StoreMinioTest extends S3StoreTest {

    @Override
    protected S3Backend startBackend() {
        return S3Backends.startMinio();
    }
}
