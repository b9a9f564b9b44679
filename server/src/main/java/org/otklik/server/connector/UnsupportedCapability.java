package org.otklik.server.connector;

/** An adapter was asked for something its platform does not offer (a permanent failure, never retried). */
public class UnsupportedCapability extends RuntimeException {

    public UnsupportedCapability(String platform, Capability capability) {
        super(platform + " channels do not support " + capability.name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' '));
    }
}
