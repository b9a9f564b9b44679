package org.otklik.simulator;

/** A scenario file that cannot be used; the message names the offending field. */
public final class ScenarioError extends RuntimeException {

    public ScenarioError(String message) {
        super(message);
    }
}
