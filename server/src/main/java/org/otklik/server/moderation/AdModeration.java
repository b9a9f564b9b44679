package org.otklik.server.moderation;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.otklik.server.agent.Agent;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.agent.Role;
import org.otklik.server.shared.AfterCommit;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.NotAllowed;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.Require;
import org.otklik.server.shared.StateConflict;
import org.otklik.server.shared.Times;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The moderation queue: applications in (idempotent per channel and external id), the oldest pending first, one
 * decision each, every step in {@code ad_application_event} in the same transaction as the change.
 */
@Service
public class AdModeration {

    /** The skill (a department code) that lets an agent moderate; admins may always. */
    public static final String SKILL = "moderation";
    static final int MAX_REASON_TEXT = 6000;
    public static final List<String> STATUSES = List.of(AdApplication.PENDING, AdApplication.APPROVED,
            AdApplication.REJECTED);

    /** A submission's answer: the stored application, and whether this call stored it. */
    public record Submitted(AdApplication application, boolean created) {
    }

    /** One step in an application's audit trail. */
    public record Step(String kind, Long agentId, Instant at, String reasonKey, String detail) {
    }

    private final JdbcClient jdbc;
    private final RejectionReasons reasons;
    private final AgentManagement agents;
    private final TransactionTemplate transactions;
    private final MeterRegistry meters;
    private final InstantSource clock;

    AdModeration(JdbcClient jdbc, RejectionReasons reasons, AgentManagement agents, TransactionTemplate transactions,
                 MeterRegistry meters, InstantSource clock) {
        this.jdbc = jdbc;
        this.reasons = reasons;
        this.agents = agents;
        this.transactions = transactions;
        this.meters = meters;
        this.clock = clock;
    }

    public boolean mayModerate(Agent agent) {
        return agent.role() == Role.ADMIN || agent.hasSkill(SKILL);
    }

    /** Fails with {@link NotAllowed} unless the agent is an admin or has the moderation skill. */
    public Agent requireModerator(long agentId) {
        Agent agent = agents.get(agentId);
        if (!mayModerate(agent)) {
            throw new NotAllowed("moderating ads takes the skill " + SKILL + " or the admin role");
        }
        return agent;
    }

    /** Stores a new application, or finds the one this channel submitted with the same external id before. */
    public Submitted submit(String channelId, NewAdApplication in) {
        String externalId = Require.text(in.externalId(), "externalId", 200);
        String advertiserId = Require.text(in.advertiserId(), "advertiserId", 200);
        String advertiserName = Require.optionalText(in.advertiserName(), "advertiserName", 200);
        String title = Require.text(in.title(), "title", 200);
        String text = Require.text(in.text(), "text", 5000);
        String landingUrl = link(Require.text(in.landingUrl(), "landingUrl", 2000), "landingUrl");
        String imageUrl = Require.optionalText(in.imageUrl(), "imageUrl", 2000);
        if (imageUrl != null) {
            link(imageUrl, "imageUrl");
        }
        Optional<AdApplication> known = find(channelId, externalId);
        if (known.isPresent()) {
            return new Submitted(known.get(), false);
        }
        try {
            long id = transactions.execute(tx -> {
                Instant now = clock.instant();
                var keys = new GeneratedKeyHolder();
                jdbc.sql("""
                        insert into ad_application (channel_id, external_id, advertiser_id, advertiser_name, title,
                            ad_text, landing_url, image_url, submitted_at, status, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?)""")
                        .params(channelId, externalId, advertiserId, advertiserName, title, text, landingUrl,
                                imageUrl, Times.toDb(now), Times.toDb(now))
                        .update(keys, "id");
                long newId = keys.getKey().longValue();
                step(newId, "submitted", null, null, null, now);
                return newId;
            });
            return new Submitted(get(id), true);
        } catch (DuplicateKeyException raced) {
            return new Submitted(find(channelId, externalId).orElseThrow(), false);
        }
    }

    /** An http(s) link with a host, or a refusal naming the field: a {@code javascript:} link never reaches a page. */
    private static String link(String url, String field) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || !List.of("http", "https").contains(uri.getScheme().toLowerCase())
                    || uri.getHost() == null) {
                throw new InvalidInput(field, field + " must be an http(s) link");
            }
            return url;
        } catch (URISyntaxException e) {
            throw new InvalidInput(field, field + " must be an http(s) link");
        }
    }

    public AdApplication get(long id) {
        return jdbc.sql("select * from ad_application where id = ?").param(id).query(AdModeration::row).optional()
                .orElseThrow(() -> new NotFound("no ad application " + id));
    }

    private Optional<AdApplication> find(String channelId, String externalId) {
        return jdbc.sql("select * from ad_application where channel_id = ? and external_id = ?")
                .params(channelId, externalId).query(AdModeration::row).optional();
    }

    /**
     * Applications by status ({@code null}: any); without {@code since} in order of submission (the queue, oldest
     * first), with it those changed at or after it in order of change (a poller's page).
     *
     * @param channelId only this channel's applications; {@code null} for moderators, who see all
     */
    public List<AdApplication> list(String channelId, String status, Instant since, int limit) {
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidInput("status", "status must be one of " + STATUSES);
        }
        StringBuilder sql = new StringBuilder("select * from ad_application where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (channelId != null) {
            sql.append(" and channel_id = ?");
            params.add(channelId);
        }
        if (status != null) {
            sql.append(" and status = ?");
            params.add(status);
        }
        if (since != null) {
            sql.append(" and updated_at >= ? order by updated_at, id");
            params.add(Times.toDb(since));
        } else {
            sql.append(" order by submitted_at, id");
        }
        sql.append(" fetch first ").append(limit).append(" rows only");
        return jdbc.sql(sql.toString()).params(params).query(AdModeration::row).list();
    }

    public List<AdApplication> queue(int limit) {
        return list(null, AdApplication.PENDING, null, limit);
    }

    /** Notes that a moderator opened the application (once per moderator while it is pending). */
    public void viewed(long id, long agentId) {
        transactions.executeWithoutResult(tx -> {
            boolean seen = jdbc.sql("select count(*) from ad_application_event where application_id = ?"
                            + " and kind = 'viewed' and agent_id = ?").params(id, agentId).query(Long.class).single() > 0;
            if (!seen && get(id).isPending()) {
                step(id, "viewed", agentId, null, null, clock.instant());
            }
        });
    }

    /**
     * Approves or rejects a pending application. A rejection takes the key of an active reason; its text, rendered
     * for this application with the comment appended, is what the advertiser is told.
     *
     * @throws InvalidInput  naming {@code decision}, {@code reason} or {@code comment}
     * @throws StateConflict when the application is decided already
     */
    public AdApplication decide(long id, String decision, String reasonKey, String comment, long agentId) {
        String outcome = switch (Require.text(decision, "decision", 16)) {
            case "approve" -> AdApplication.APPROVED;
            case "reject" -> AdApplication.REJECTED;
            default -> throw new InvalidInput("decision", "decision must be approve or reject");
        };
        String note = Require.optionalText(comment, "comment", 2000);
        RejectionReason reason = null;
        if (outcome.equals(AdApplication.REJECTED)) {
            reason = reasons.requireActive(reasonKey, "reason");
        } else if (reasonKey != null && !reasonKey.isBlank()) {
            throw new InvalidInput("reason", "an approval takes no reason");
        }
        AdApplication application = get(id);
        String key = reason == null ? null : reason.key();
        String text = reason == null ? null : ReasonText.render(reason.text(), application, note);
        if (text != null && text.length() > MAX_REASON_TEXT) {
            throw new InvalidInput(note == null ? "reason" : "comment", "the reason's text for this application"
                    + " with the comment is longer than " + MAX_REASON_TEXT + " characters");
        }
        transactions.executeWithoutResult(tx -> {
            Instant now = clock.instant();
            int updated = jdbc.sql("""
                    update ad_application set status = ?, decided_by = ?, decided_at = ?, reason_key = ?,
                        reason_text = ?, decision_comment = ?, updated_at = ?
                    where id = ? and status = 'pending'""")
                    .params(outcome, agentId, Times.toDb(now), key, text, note, Times.toDb(now), id).update();
            if (updated == 0) {
                throw new StateConflict("ad application " + id + " is " + get(id).status() + " already");
            }
            step(id, outcome, agentId, key, text != null ? text : note, now);
            AfterCommit.run(() -> meters.counter("otklik.moderation.decisions", "outcome", outcome).increment());
        });
        return get(id);
    }

    /** The audit trail, oldest step first. */
    public List<Step> steps(long id) {
        get(id);
        return jdbc.sql("select * from ad_application_event where application_id = ? order by id").param(id)
                .query((rs, n) -> new Step(rs.getString("kind"), Times.nullableLong(rs, "agent_id"),
                        Times.fromDb(rs, "occurred_at"), rs.getString("reason_key"), rs.getString("detail")))
                .list();
    }

    private void step(long id, String kind, Long agentId, String reasonKey, String detail, Instant at) {
        jdbc.sql("""
                insert into ad_application_event (application_id, kind, agent_id, occurred_at, reason_key, detail)
                values (?, ?, ?, ?, ?, ?)""").params(id, kind, agentId, Times.toDb(at), reasonKey, detail).update();
    }

    private static AdApplication row(ResultSet rs, int n) throws SQLException {
        return new AdApplication(rs.getLong("id"), rs.getString("channel_id"), rs.getString("external_id"),
                rs.getString("advertiser_id"), rs.getString("advertiser_name"), rs.getString("title"),
                rs.getString("ad_text"), rs.getString("landing_url"), rs.getString("image_url"),
                Times.fromDb(rs, "submitted_at"), rs.getString("status"), Times.nullableLong(rs, "decided_by"),
                Times.fromDb(rs, "decided_at"), rs.getString("reason_key"), rs.getString("reason_text"),
                rs.getString("decision_comment"), Times.fromDb(rs, "updated_at"));
    }
}
