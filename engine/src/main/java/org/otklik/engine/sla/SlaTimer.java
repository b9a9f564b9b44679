package org.otklik.engine.sla;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One SLA target on one conversation (first response, next response, resolution): it starts, pauses while the
 * conversation waits for the user, resumes, and stops when the target is met. It counts only open time of its
 * calendar. Breached when the counted time reaches the target; at exactly the target it is breached.
 *
 * @param started when the clock started
 * @param pauses  closed pauses [from, to), and at most one open pause last (to == null)
 * @param stopped when the target was met, or null
 */
public record SlaTimer(Duration target, BusinessCalendar calendar, Instant started, List<Pause> pauses,
                       Instant stopped) {

    /** A stretch when the clock did not run (the conversation waited for the user). */
    public record Pause(Instant from, Instant to) {
    }

    /** Where a timer stands at an instant. */
    public enum State { RUNNING, PAUSED, MET, BREACHED }

    public SlaTimer {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(started, "started");
        pauses = List.copyOf(pauses);
    }

    /** Open time counted up to {@code now} (or to the stop), pauses left out. */
    public Duration elapsed(Instant now) {
        Instant end = stopped != null && stopped.isBefore(now) ? stopped : now;
        Duration total = calendar.openBetween(started, end);
        for (Pause p : pauses) {
            Instant to = p.to() == null || p.to().isAfter(end) ? end : p.to();
            total = total.minus(calendar.openBetween(p.from(), to));
        }
        return total.isNegative() ? Duration.ZERO : total;
    }

    public Duration remaining(Instant now) {
        return target.minus(elapsed(now));
    }

    public boolean pausedAt(Instant now) {
        return !pauses.isEmpty() && pauses.getLast().to() == null && !pauses.getLast().from().isAfter(now);
    }

    /**
     * When the target is reached if the clock keeps running from now ({@code now} itself when it already is); null
     * while paused or stopped.
     */
    public Instant dueAt(Instant now) {
        if (stopped != null || pausedAt(now)) {
            return null;
        }
        Duration left = remaining(now);
        return left.isPositive() ? calendar.addOpenTime(now, left) : now;
    }

    public State state(Instant now) {
        boolean reached = elapsed(now).compareTo(target) >= 0;
        if (stopped != null && !stopped.isAfter(now)) {
            return reached ? State.BREACHED : State.MET;
        }
        if (reached) {
            return State.BREACHED;
        }
        return pausedAt(now) ? State.PAUSED : State.RUNNING;
    }
}
