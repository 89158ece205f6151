/**
 * Authentication: who sent a request. An {@link proxy.api.auth.Authenticator} turns the received request
 * ({@link proxy.api.auth.HttpRequestView}) into a {@link proxy.api.auth.Principal} or refuses it with an
 * {@link proxy.api.S3Exception}; its provider is selected by config {@code auth.mode}.
 */
package proxy.api.auth;
