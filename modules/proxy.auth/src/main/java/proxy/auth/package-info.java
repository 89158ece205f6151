/**
 * Authentication: {@code none} ({@link proxy.auth.NoAuthenticatorProvider}) here, SigV4 in {@code sigv4}, the
 * credential stores it checks signatures against in {@code credentials}.
 */
package proxy.auth;
