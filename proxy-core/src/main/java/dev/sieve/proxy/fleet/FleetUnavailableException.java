package dev.sieve.proxy.fleet;

import java.io.IOException;

/** A change that needs the fleet's Redis (a kill-switch release, an unrevoke) was refused because Redis is out. */
public final class FleetUnavailableException extends IOException {
    FleetUnavailableException(String message) {
        super(message);
    }
}
