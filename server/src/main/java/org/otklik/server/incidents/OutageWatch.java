package org.otklik.server.incidents;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import org.otklik.engine.incidents.IncidentDetector;
import org.otklik.server.shared.Cluster;
import org.otklik.server.shared.Times;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Feeds the outage detector from the database, so that it sees every node's messages and starts warm: the routing
 * leader (the only node, on a single node) reads the triaged messages and outage mentions stored since its last read,
 * up to {@code otklik.incidents.read-lag} ago (time for other transactions stamped earlier to commit), every
 * {@code otklik.incidents.poll-interval}. On becoming leader (or at start) it first counts the last weeks by hour for
 * the seasonal baseline and replays the last {@link #WARM} for the trailing one. When the detector finds an outage and
 * no incident is open, one opens.
 */
@Component
class OutageWatch {

    private static final Logger log = LoggerFactory.getLogger(OutageWatch.class);
    /** The trailing baseline (2 h), its gap (15 min), the window (5 min) and a minute to spare. */
    static final Duration WARM = Duration.ofMinutes(141);

    private final JdbcClient jdbc;
    private final Incidents incidents;
    private final Cluster cluster;
    private final InstantSource clock;
    private final IncidentDetector.Settings settings;
    private final Duration readLag;
    private IncidentDetector detector;
    private Instant readUpTo;
    private Instant lastDetected;

    OutageWatch(JdbcClient jdbc, Incidents incidents, Cluster cluster, InstantSource clock,
                @Value("${otklik.incidents.zone:${otklik.reports.zone:Europe/Moscow}}") ZoneId zone,
                @Value("${otklik.incidents.read-lag:3s}") Duration readLag) {
        this.jdbc = jdbc;
        this.incidents = incidents;
        this.cluster = cluster;
        this.clock = clock;
        this.settings = IncidentDetector.Settings.defaults().in(zone);
        this.readLag = readLag;
    }

    @Scheduled(fixedDelayString = "${otklik.incidents.poll-interval:5s}", initialDelayString = "${otklik.incidents.poll-interval:5s}")
    synchronized void poll() {
        if (!cluster.isLeader()) {
            detector = null; // another node watches; a new watch starts warm from the database if this one leads again
            return;
        }
        try {
            Instant upTo = clock.instant().minus(readLag);
            if (detector == null) {
                start(upTo.minus(WARM));
            }
            if (!upTo.isAfter(readUpTo)) {
                return;
            }
            read(readUpTo, upTo);
            readUpTo = upTo;
            detector.advanceTo(upTo);
            detector.current().ifPresent(this::openUnlessOpen);
        } catch (RuntimeException e) {
            log.warn("incidents: the outage watch could not read ({}); it starts again from the database", e.toString());
            detector = null;
        }
    }

    /** A new detector: the seasonal history by hour before {@code from}, then live from {@code from}. */
    private void start(Instant from) {
        detector = new IncidentDetector(settings);
        int hours = rememberWeeksBefore(detector, from);
        readUpTo = from;
        log.info("incidents: watching for outages from {} (seasonal baseline from {} hourly counts)", from, hours);
    }

    /** Gives the detector the triaged messages of the seasonal weeks before {@code from}, counted by hour in SQL. */
    int rememberWeeksBefore(IncidentDetector into, Instant from) {
        Instant since = from.minus(Duration.ofDays(7L * settings.seasonalWeeks()));
        int[] hours = {0};
        jdbc.sql("""
                select date_trunc('hour', t.triaged_at) as hour_start, ct.region, ch.type, t.outage,
                       count(*) as messages
                from message_triage t join conversation c on c.id = t.conversation_id
                join contact ct on ct.id = c.contact_id join channel ch on ch.id = c.channel_id
                where t.triaged_at >= ? and t.triaged_at < ?
                group by date_trunc('hour', t.triaged_at), ct.region, ch.type, t.outage""")
                .params(Times.toDb(since), Times.toDb(from))
                .query(rs -> {
                    long messages = rs.getLong("messages");
                    String outage = rs.getString("outage");
                    into.remember(Times.fromDb(rs, "hour_start"), rs.getString("region"), rs.getString("type"),
                            outage, messages, outage == null ? 0 : messages);
                    hours[0]++;
                });
        return hours[0];
    }

    /** Every triaged message and outage mention stamped in [from, to), in time order. */
    private void read(Instant from, Instant to) {
        jdbc.sql("""
                select t.triaged_at as at, t.outage, ct.region, ch.type
                from message_triage t join conversation c on c.id = t.conversation_id
                join contact ct on ct.id = c.contact_id join channel ch on ch.id = c.channel_id
                where t.triaged_at >= ? and t.triaged_at < ?
                union all
                select received_at, outage, null, null from mention
                where outage is not null and received_at >= ? and received_at < ?
                order by 1""")
                .params(Times.toDb(from), Times.toDb(to), Times.toDb(from), Times.toDb(to))
                .query(rs -> {
                    String region = rs.getString(3);
                    detector.add(new IncidentDetector.Message(Times.fromDb(rs, "at"), rs.getString(2),
                            region == null ? "" : region, rs.getString(4)));
                });
    }

    /** One incident here per incident the detector found (a lead may have resolved it meanwhile). */
    private void openUnlessOpen(IncidentDetector.Incident found) {
        if (found.openedAt().equals(lastDetected) || incidents.currentId().isPresent()) {
            return;
        }
        lastDetected = found.openedAt();
        long id = incidents.open("Сбой: " + String.join(", ", found.components().keySet()),
                "detector: " + found.trigger(), null);
        log.info("incidents: incident {} opened by the detector ({} reports)", id, found.reports());
    }
}
