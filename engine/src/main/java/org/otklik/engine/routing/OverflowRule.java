package org.otklik.engine.routing;

import java.time.Duration;
import java.util.Objects;

/**
 * What happens to a conversation that has waited too long in one department's queue.
 *
 * @param after  how long it may wait before the rule applies
 * @param target another department's code (the conversation moves there, keeping its place by arrival time),
 *               {@link #ANY_AGENT} (the general pool: any online agent may take it, the classic "skill expansion"), or
 *               {@link #EMAIL} (it leaves the live queue: the user is told to expect an answer by email)
 */
public record OverflowRule(Duration after, String target) {

    public static final String EMAIL = "email";
    /** The general pool: any online agent with a free slot may take it, whatever their skills. */
    public static final String ANY_AGENT = "*";

    public OverflowRule {
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(target, "target");
        if (after.isNegative() || after.isZero()) {
            throw new IllegalArgumentException("overflow time must be positive");
        }
    }

    public boolean toEmail() {
        return EMAIL.equals(target);
    }
}
