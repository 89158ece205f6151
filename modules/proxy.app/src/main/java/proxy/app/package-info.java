/**
 * The application: the command line ({@link proxy.app.Main}, {@link proxy.app.Arguments}) and one class per command
 * ({@code serve}, {@code check-config}, {@code explain}, {@code users}, {@code grants}, {@code secrets}); the only
 * module that loads providers ({@link proxy.app.Providers}, {@link java.util.ServiceLoader}) and wires them
 * ({@link proxy.app.ProviderWiring}); startup checks, table readiness, logging setup and stop signals.
 */
package proxy.app;
