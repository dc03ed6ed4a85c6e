package dev.sieve.proxy.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code killSwitch:} section.
 *
 * @param stateFile where the admin-set state is persisted (default {@code <dataDir>/killswitch.json}); it
 *     survives restarts
 * @param file an optional watched file shared by a fleet (a Kubernetes ConfigMap key): {@code true} or
 *     {@code engaged} stops every agent, {@code agent:<id>} lines stop those agents, anything else releases
 */
public record KillSwitchSettings(Path stateFile, Optional<Path> file) {

    public KillSwitchSettings {
        Objects.requireNonNull(stateFile, "stateFile");
        Objects.requireNonNull(file, "file");
    }
}
