package proxy.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import proxy.api.ProviderContext;
import proxy.api.ProxyProvider;
import proxy.api.auth.AuthenticatorProvider;
import proxy.api.auth.HttpRequestView;
import proxy.api.auth.Principal;
import proxy.api.config.ProxyConfig;
import proxy.api.metrics.ProxyMetrics;
import proxy.api.policy.AuthorizerProvider;
import proxy.api.policy.PolicyStoreProvider;

/** The providers are found by ServiceLoader under the names config selects them by. */
class ProvidersTest {
    final ProviderContext context = new ProviderContext(
            ProxyConfig.defaults(Map.of("trades", URI.create("file:/t"))), Clock.systemUTC(), ProxyMetrics.NOOP);

    static <T extends ProxyProvider<?, ?>> List<String> names(Class<T> type) {
        return ServiceLoader.load(type).stream().map(p -> p.get().name()).sorted().toList();
    }

    @Test
    void everyProviderIsRegistered() {
        assertEquals(List.of("none", "sigv4"), names(AuthenticatorProvider.class));
        assertEquals(List.of("config", "jdbc"), names(PolicyStoreProvider.class));
        assertEquals(List.of("partition"), names(AuthorizerProvider.class));
    }

    @Test
    void noneModeMakesEveryRequestAnonymous() {
        var authenticator = new NoAuthenticatorProvider().create(context);
        var signed = new HttpRequestView("GET", "/datalake/", "", Map.of("authorization", List.of("AWS4-HMAC-SHA256 x")));
        assertEquals(Principal.ANONYMOUS, authenticator.authenticate(signed));
    }

    @Test
    void jdbcStoreGrantsNothingWhenTheDatabaseIsDisabled() {
        var store = new proxy.authz.policy.JdbcPolicyStoreProvider().create(context);
        assertTrue(store.grants(Principal.ANONYMOUS, "trades").isEmpty());
    }
}
