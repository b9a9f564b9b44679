package org.otklik.engine.incidents;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds outages in a stream of messages, some of them triaged as outage reports: per minute, for the whole stream
 * and for each region, the outage reports of the last {@code window} are compared with what the trailing baseline
 * expects (the share of outage reports among all messages over the {@code baseline} before the window, with a prior,
 * times the messages of the window: volume peaks raise both, so an evening peak is no outage). An incident opens when
 * the excess is at least {@code minExcess} (a smaller one for a region), at least {@code factor} times the
 * expectation, and a CUSUM of the minutes' standardised excess has crossed {@code cusumThreshold}; it closes after
 * {@code quiet} without such an excess. One incident is open at a time; its counts take every outage report from its
 * window's start to its close, by component and region. Messages must come in time order.
 */
public final class IncidentDetector {

    /** One message: when, what triage read (null: not an outage report), where from. */
    public record Message(Instant at, String outage, String region, String channel) {
    }

    /** An incident the detector opened: {@code closedAt} null while still open; {@code trigger} all or a region. */
    public record Incident(Instant openedAt, Instant closedAt, int reports, Map<String, Integer> components,
                           Map<String, Integer> regions, Map<String, Integer> channels, String trigger) {
    }

    /** The detector's settings. */
    public record Settings(Duration window, Duration baseline, int minExcess, int minRegionalExcess, double factor,
                           double cusumThreshold, Duration quiet) {

        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(5), Duration.ofHours(2), 12, 7, 3.0, 4.0, Duration.ofMinutes(20));
        }
    }

    private static final String ALL = "all";
    private static final double PRIOR_REPORTS = 1;
    private static final double PRIOR_MESSAGES = 20;
    private static final long GAP_MINUTES = 15;

    private final Settings settings;
    private final Map<String, Segment> segments = new HashMap<>();
    private final List<Incident> closed = new ArrayList<>();
    private final Deque<Message> recentReports = new ArrayDeque<>();
    private Instant minute;
    private Open open;

    /** Per-minute counts of one segment (all messages, or one region's). */
    private static final class Segment {
        final Deque<long[]> minutes = new ArrayDeque<>(); // {epochMinute, messages, reports}
        double cusum;
    }

    private static final class Open {
        Instant openedAt;
        Instant windowStart;
        Instant quietSince;
        String trigger;
        double frozenRate;
        final Map<String, Integer> components = new TreeMap<>();
        final Map<String, Integer> regions = new TreeMap<>();
        final Map<String, Integer> channels = new TreeMap<>();
        int reports;
    }

    public IncidentDetector(Settings settings) {
        this.settings = settings;
    }

    public void add(Message m) {
        Instant at = m.at().truncatedTo(ChronoUnit.MINUTES);
        if (minute != null && at.isBefore(minute)) {
            throw new IllegalArgumentException("messages must come in time order: " + m.at() + " after " + minute);
        }
        while (minute != null && minute.isBefore(at)) {
            evaluate(minute);
            minute = minute.plus(Duration.ofMinutes(1));
        }
        minute = at;
        boolean report = m.outage() != null;
        count(ALL, at, report);
        count("region:" + (m.region() == null ? "" : m.region()), at, report);
        if (report) {
            recentReports.addLast(m);
            if (open != null) {
                take(open, m);
            }
        }
        trimReports(at);
    }

    /** The incident open now, if any (live use: after each message). */
    public java.util.Optional<Incident> current() {
        return open == null ? java.util.Optional.empty() : java.util.Optional.of(incident(open, null));
    }

    /** Moves time on without a message (live use: evaluates the minutes that passed). */
    public void advanceTo(Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MINUTES);
        while (minute != null && minute.isBefore(at)) {
            evaluate(minute);
            minute = minute.plus(Duration.ofMinutes(1));
        }
    }

    /** Closes the replay: evaluates the last minute; an incident still open stays open (closedAt null). */
    public List<Incident> finish() {
        if (minute != null) {
            evaluate(minute);
        }
        List<Incident> out = new ArrayList<>(closed);
        if (open != null) {
            out.add(incident(open, null));
        }
        return out;
    }

    private void count(String key, Instant at, boolean report) {
        Segment s = segments.computeIfAbsent(key, k -> new Segment());
        long epochMinute = at.getEpochSecond() / 60;
        long[] last = s.minutes.peekLast();
        if (last == null || last[0] != epochMinute) {
            last = new long[] {epochMinute, 0, 0};
            s.minutes.addLast(last);
        }
        last[1]++;
        last[2] += report ? 1 : 0;
        long keep = settings.baseline().plus(settings.window()).toMinutes() + GAP_MINUTES + 1;
        while (!s.minutes.isEmpty() && s.minutes.peekFirst()[0] <= epochMinute - keep) {
            s.minutes.removeFirst();
        }
    }

    private void trimReports(Instant now) {
        Instant oldest = now.minus(settings.window()).minus(Duration.ofMinutes(1));
        while (!recentReports.isEmpty() && recentReports.peekFirst().at().isBefore(oldest)) {
            recentReports.removeFirst();
        }
    }

    /** At the end of a minute: open, keep or close. */
    private void evaluate(Instant minuteStart) {
        long now = minuteStart.getEpochSecond() / 60;
        long windowMinutes = settings.window().toMinutes();
        if (open == null) {
            for (Map.Entry<String, Segment> e : segments.entrySet()) {
                Segment s = e.getValue();
                double[] w = sums(s, now - windowMinutes + 1, now);
                // the baseline ends a gap before the window, so an outage's first minutes do not raise it
                long baseEnd = now - windowMinutes - GAP_MINUTES;
                double[] base = sums(s, baseEnd - settings.baseline().toMinutes() + 1, baseEnd);
                double rate = (base[1] + PRIOR_REPORTS) / (base[0] + PRIOR_MESSAGES);
                double[] thisMinute = sums(s, now, now);
                double expectedMinute = rate * thisMinute[0];
                s.cusum = Math.max(0, s.cusum + (thisMinute[1] - expectedMinute) / Math.sqrt(expectedMinute + 1)
                        - 0.5);
                double expected = rate * w[0];
                int minExcess = e.getKey().equals(ALL) ? settings.minExcess() : settings.minRegionalExcess();
                if (w[1] - expected >= minExcess && w[1] >= settings.factor() * expected
                        && s.cusum >= settings.cusumThreshold()) {
                    openIncident(minuteStart, e.getKey(), rate);
                    return;
                }
            }
            return;
        }
        Segment s = segments.get(open.trigger);
        double[] w = sums(s, now - windowMinutes + 1, now);
        double expected = open.frozenRate * w[0];
        boolean excess = w[1] - expected >= minExcessOf(open.trigger) / 2.0 && w[1] >= 2 * expected;
        if (excess) {
            open.quietSince = null;
        } else if (open.quietSince == null) {
            open.quietSince = minuteStart.plus(Duration.ofMinutes(1));
        } else if (!minuteStart.plus(Duration.ofMinutes(1)).isBefore(open.quietSince.plus(settings.quiet()))) {
            closed.add(incident(open, open.quietSince));
            open = null;
            segments.values().forEach(seg -> seg.cusum = 0);
        }
    }

    private int minExcessOf(String trigger) {
        return trigger.equals(ALL) ? settings.minExcess() : settings.minRegionalExcess();
    }

    private void openIncident(Instant minuteStart, String trigger, double rate) {
        open = new Open();
        open.openedAt = minuteStart.plus(Duration.ofMinutes(1));
        open.windowStart = minuteStart.minus(settings.window()).plus(Duration.ofMinutes(1));
        open.trigger = trigger;
        open.frozenRate = rate;
        for (Message m : recentReports) {
            if (!m.at().isBefore(open.windowStart)) {
                take(open, m);
            }
        }
    }

    private static void take(Open o, Message m) {
        o.reports++;
        o.components.merge(m.outage(), 1, Integer::sum);
        o.regions.merge(m.region() == null ? "" : m.region(), 1, Integer::sum);
        if (m.channel() != null) {
            o.channels.merge(m.channel(), 1, Integer::sum);
        }
    }

    private static Incident incident(Open o, Instant closedAt) {
        return new Incident(o.openedAt, closedAt, o.reports, Map.copyOf(o.components), Map.copyOf(o.regions),
                Map.copyOf(o.channels), o.trigger.equals(ALL) ? ALL : o.trigger.substring("region:".length()));
    }

    /** {messages, reports} of a segment over epoch minutes [from, to]. */
    private static double[] sums(Segment s, long from, long to) {
        double messages = 0;
        double reports = 0;
        for (long[] m : s.minutes) {
            if (m[0] >= from && m[0] <= to) {
                messages += m[1];
                reports += m[2];
            }
        }
        return new double[] {messages, reports};
    }
}
