package proxy.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import proxy.api.storage.ObjectStoreProvider;

class StoreProvidersTest {

    @Test
    void serviceLoaderFindsTheFileAndS3Stores() {
        Set<String> names = ServiceLoader.load(ObjectStoreProvider.class).stream()
                .map(p -> p.get().name()).collect(Collectors.toSet());

        assertEquals(Set.of("file", "s3"), names);
    }
}
