package dev.sieve.proxy.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Resolves a host name to its addresses; blocking. The seam that lets tests replace DNS. */
@FunctionalInterface
public interface HostLookup {

    /** The JDK resolver ({@link InetAddress#getAllByName}), which honours the JVM's DNS cache settings. */
    static HostLookup system() {
        return InetAddress::getAllByName;
    }

    InetAddress[] lookup(String host) throws UnknownHostException;
}
