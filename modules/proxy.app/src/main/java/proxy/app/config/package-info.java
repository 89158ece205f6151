/**
 * Reading the configuration: config.json, then {@code PROXY_*} environment variables on top
 * ({@link proxy.app.config.ConfigSource}), bound into the validated records of {@link proxy.api.config}
 * ({@link proxy.app.config.ConfigBinder}). Unknown keys in the file are errors with a "did you mean"; unknown
 * {@code PROXY_*} variables are warnings ({@link proxy.app.config.UnknownKeys}). Relative paths resolve against the
 * config file's folder.
 */
package proxy.app.config;
