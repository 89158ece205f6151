/** The entry point: configuration, provider selection by name, wiring, lifecycle and subcommands. */
module proxy.app {
    requires proxy.api;
    requires proxy.http;
    requires proxy.localproxy;
    requires com.fasterxml.jackson.databind;
    requires java.logging;
    requires jdk.unsupported;

    uses proxy.api.storage.ObjectStoreProvider;
    uses proxy.api.delta.TableIndexProvider;
    uses proxy.api.auth.AuthenticatorProvider;
    uses proxy.api.policy.PolicyStoreProvider;
    uses proxy.api.policy.AuthorizerProvider;
    uses proxy.api.metrics.MetricsProvider;
    uses proxy.api.admin.AccessAdminProvider;
}
