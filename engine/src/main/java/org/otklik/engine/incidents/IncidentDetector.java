package org.otklik.engine.incidents;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
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
 * and for each region, channel and component, the outage reports of the last {@code window} are compared with what
 * the baseline expects: the share of outage reports among all messages, times the messages of the window (volume
 * peaks raise both, so an evening peak is no outage). The share is the larger of the trailing share (over the
 * {@code baseline} before the window, with a prior) and the seasonal share of the same hour of the week (the median
 * over the last {@code seasonalWeeks} weeks that had at least {@code seasonalMinMessages} messages in that hour, once
 * two such weeks are known: a weekly release that always draws complaints is expected, while one past outage does not
 * move a median). An incident opens when
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

    /**
     * The detector's settings: {@code minExcess} applies to all messages and to a component's reports,
     * {@code minRegionalExcess} to a region's or a channel's;
     * {@code zone} says where a week's hours begin.
     */
    public record Settings(Duration window, Duration baseline, int minExcess, int minRegionalExcess, double factor,
                           double cusumThreshold, Duration quiet, ZoneId zone, int seasonalWeeks,
                           int seasonalMinMessages) {

        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(5), Duration.ofHours(2), 12, 7, 3.0, 4.0, Duration.ofMinutes(20),
                    ZoneOffset.UTC, 4, 30);
        }

        /** The same settings with a week's hours counted in another zone. */
        public Settings in(ZoneId otherZone) {
            return new Settings(window, baseline, minExcess, minRegionalExcess, factor, cusumThreshold, quiet,
                    otherZone, seasonalWeeks, seasonalMinMessages);
        }
    }

    private static final String ALL = "all";
    private static final double PRIOR_REPORTS = 1;
    private static final double PRIOR_MESSAGES = 20;
    private static final long GAP_MINUTES = 15;
    private static final int HOURS_OF_WEEK = 7 * 24;
    private static final String COMPONENT = "component:";

    private final Settings settings;
    private final Map<String, Segment> segments = new HashMap<>();
    private final List<Incident> closed = new ArrayList<>();
    private final Deque<Message> recentReports = new ArrayDeque<>();
    private Instant minute;
    private Open open;

    /** Per-minute counts of one segment (all messages, one region's, one channel's, one component's reports). */
    private static final class Segment {
        final Deque<long[]> minutes = new ArrayDeque<>(); // {epochMinute, messages, reports}
        final Seasons seasons;
        double cusum;

        Segment(Seasons seasons) {
            this.seasons = seasons;
        }
    }

    /** For each hour of the week, the messages and reports of the last weeks: {weekStartDay, messages, reports}. */
    private static final class Seasons {
        final int weeks;
        final List<Deque<long[]>> byHour = new ArrayList<>(HOURS_OF_WEEK);

        Seasons(int weeks) {
            this.weeks = weeks;
            for (int h = 0; h < HOURS_OF_WEEK; h++) {
                byHour.add(new ArrayDeque<>());
            }
        }

        void add(int hourOfWeek, long week, long messages, long reports) {
            Deque<long[]> past = byHour.get(hourOfWeek);
            for (long[] p : past) {
                if (p[0] == week) {
                    p[1] += messages;
                    p[2] += reports;
                    return;
                }
            }
            List<long[]> sorted = new ArrayList<>(past); // history may come in any order: keep the newest weeks
            sorted.add(new long[] {week, messages, reports});
            sorted.sort(java.util.Comparator.comparingLong(p -> p[0]));
            past.clear();
            past.addAll(sorted.subList(Math.max(0, sorted.size() - weeks), sorted.size()));
        }

        /** A copy with the same messages and no reports (a component's segment begins as all messages'). */
        Seasons messagesOnly() {
            Seasons copy = new Seasons(weeks);
            for (int h = 0; h < HOURS_OF_WEEK; h++) {
                for (long[] p : byHour.get(h)) {
                    copy.byHour.get(h).addLast(new long[] {p[0], p[1], 0});
                }
            }
            return copy;
        }

        /** The lower median of the weeks' shares at this hour, or -1 below two weeks with enough messages. */
        double share(int hourOfWeek, long currentWeek, int minMessages) {
            double[] shares = byHour.get(hourOfWeek).stream()
                    .filter(p -> p[0] < currentWeek && p[1] >= minMessages)
                    .mapToDouble(p -> (double) p[2] / p[1]).sorted().toArray();
            return shares.length < 2 ? -1 : shares[(shares.length - 1) / 2];
        }
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
        if (report) {
            component(m.outage());
        }
        count(ALL, at, report);
        count("region:" + (m.region() == null ? "" : m.region()), at, report);
        if (m.channel() != null) {
            count("channel:" + m.channel(), at, report);
        }
        for (String key : List.copyOf(segments.keySet())) {
            if (key.startsWith(COMPONENT)) { // a component's segment: all messages, its own reports
                count(key, at, report && key.substring(COMPONENT.length()).equals(m.outage()));
            }
        }
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

    /**
     * Past traffic for the seasonal baseline (the server's history at start): {@code messages} messages in the hour
     * starting {@code hourStart}, {@code reports} of them outage reports of {@code outage} (null: none), from a region
     * and a channel (null: unknown).
     */
    public void remember(Instant hourStart, String region, String channel, String outage, long messages,
                         long reports) {
        int hour = hourOfWeek(hourStart);
        long week = week(hourStart);
        if (outage != null) {
            component(outage);
        }
        segment(ALL).seasons.add(hour, week, messages, reports);
        segment("region:" + (region == null ? "" : region)).seasons.add(hour, week, messages, reports);
        if (channel != null) {
            segment("channel:" + channel).seasons.add(hour, week, messages, reports);
        }
        for (Map.Entry<String, Segment> e : segments.entrySet()) {
            if (e.getKey().startsWith(COMPONENT)) {
                boolean mine = e.getKey().substring(COMPONENT.length()).equals(outage);
                e.getValue().seasons.add(hour, week, messages, mine ? reports : 0);
            }
        }
    }

    private Segment segment(String key) {
        return segments.computeIfAbsent(key, k -> new Segment(new Seasons(settings.seasonalWeeks())));
    }

    /** A component's segment counts all messages and its own reports: a new one begins with all messages so far. */
    private void component(String outage) {
        Segment all = segment(ALL);
        segments.computeIfAbsent(COMPONENT + outage, k -> {
            Segment s = new Segment(all.seasons.messagesOnly());
            all.minutes.forEach(m -> s.minutes.addLast(new long[] {m[0], m[1], 0}));
            return s;
        });
    }

    private int hourOfWeek(Instant at) {
        ZonedDateTime local = at.atZone(settings.zone());
        return (local.getDayOfWeek().getValue() - 1) * 24 + local.getHour();
    }

    /** The week as the epoch day of its Monday, in the settings' zone. */
    private long week(Instant at) {
        LocalDate day = at.atZone(settings.zone()).toLocalDate();
        return day.minusDays(day.getDayOfWeek().getValue() - 1L).toEpochDay();
    }

    private void count(String key, Instant at, boolean report) {
        Segment s = segment(key);
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
            long[] old = s.minutes.removeFirst(); // leaves the trailing baseline, joins the seasonal one
            Instant oldAt = Instant.ofEpochSecond(old[0] * 60);
            s.seasons.add(hourOfWeek(oldAt), week(oldAt), old[1], old[2]);
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
                double rate = Math.max((base[1] + PRIOR_REPORTS) / (base[0] + PRIOR_MESSAGES),
                        s.seasons.share(hourOfWeek(minuteStart), week(minuteStart), settings.seasonalMinMessages()));
                double[] thisMinute = sums(s, now, now);
                double expectedMinute = rate * thisMinute[0];
                s.cusum = Math.max(0, s.cusum + (thisMinute[1] - expectedMinute) / Math.sqrt(expectedMinute + 1)
                        - 0.5);
                double expected = rate * w[0];
                int minExcess = minExcessOf(e.getKey());
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

    /** All messages and a component (a share of all of them) need the larger excess; a region or channel the smaller. */
    private int minExcessOf(String trigger) {
        return trigger.equals(ALL) || trigger.startsWith(COMPONENT) ? settings.minExcess()
                : settings.minRegionalExcess();
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
                Map.copyOf(o.channels), o.trigger.startsWith("region:") ? o.trigger.substring("region:".length())
                        : o.trigger);
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
