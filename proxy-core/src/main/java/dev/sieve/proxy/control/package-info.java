/**
 * Operational controls: the {@link dev.sieve.proxy.control.KillSwitch} (admin-set and watched-file scopes, persisted)
 * and the {@link dev.sieve.proxy.control.ConnectionRegistry} it uses to close open tunnels of a stopped scope.
 */
package dev.sieve.proxy.control;
