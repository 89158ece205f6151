/**
 * The configuration as immutable records, validated in their constructors: {@link proxy.api.config.ProxyConfig}
 * and its parts. An invalid value throws a {@link proxy.api.config.ConfigException} whose one-line message names
 * the key; secrets are {@link proxy.api.config.Secret}s, masked wherever config is printed.
 */
package proxy.api.config;
