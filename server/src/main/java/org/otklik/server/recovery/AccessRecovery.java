package org.otklik.server.recovery;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.agentdesk.ConversationAccess;
import org.otklik.server.connector.Attachments;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.conversation.Direction;
import org.otklik.server.conversation.MessageView;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.Require;
import org.otklik.server.shared.StateConflict;
import org.otklik.server.shared.Times;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Recovery cases: opened by the agent holding a conversation for one of the service's profiles (the user is asked
 * for a photo of themselves with the site on a screen), reviewed side by side with the profile's photos and fraud
 * signals, and decided by the agent holding the conversation. Every step writes a {@code recovery_audit} row in the
 * step's own transaction.
 */
@Service
public class AccessRecovery {

    static final String AWAITING = "awaiting";
    static final String APPROVED = "approved";
    static final String REJECTED = "rejected";

    /** A case. {@code status}: awaiting (a decision), approved, rejected. */
    public record CaseView(long id, long conversationId, String profileId, String status, long openedBy,
                           Instant openedAt, Long decidedBy, Instant decidedAt, String reason) {
    }

    /**
     * A fraud signal shown to the agent: {@code code} language, region or many_requests, what was seen ({@code text},
     * in English for the API) and its values ({@code args}, for the workspace's own language).
     */
    public record Signal(String code, String text, List<String> args) {
    }

    /** One audited step. */
    public record AuditEntry(Instant at, Long agentId, String action, String detail) {
    }

    /** A photo the user sent in the case's conversation (an image attachment kept after its checks). */
    public record UserPhoto(long attachmentId, String name, Instant sentAt) {
    }

    /** What the agent reviews: the case, the profile, the user's photos, the signals and the audit trail. */
    public record Review(CaseView recoveryCase, Profiles.ProfileView profile, List<UserPhoto> userPhotos,
                         List<Signal> signals, List<AuditEntry> audit) {
    }

    private final JdbcClient jdbc;
    private final Profiles profiles;
    private final ConversationManagement conversations;
    private final ConversationAccess access;
    private final Attachments attachments;
    private final RecoveryProperties properties;
    private final ApplicationEventPublisher events;
    private final InstantSource clock;

    AccessRecovery(JdbcClient jdbc, Profiles profiles, ConversationManagement conversations,
                   ConversationAccess access, Attachments attachments, RecoveryProperties properties,
                   ApplicationEventPublisher events, InstantSource clock) {
        this.jdbc = jdbc;
        this.profiles = profiles;
        this.conversations = conversations;
        this.access = access;
        this.attachments = attachments;
        this.properties = properties;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Opens a case: links the conversation to the profile and asks the user for the photo (a reply, so only the
     * agent holding the conversation can open one); 409 while another case of this conversation awaits a decision.
     */
    @Transactional
    public CaseView open(AgentIdentity who, long conversationId, String profileId) {
        String id = Require.text(profileId, "profileId", 100);
        ConversationView conversation = conversations.get(conversationId);
        access.requireView(who, conversation);
        if (profiles.find(id).isEmpty()) {
            throw new InvalidInput("profileId", "no profile " + id + " (the service pushes profiles first)");
        }
        Optional<Long> pending = jdbc.sql("select id from recovery_case where conversation_id = ? and status = ?")
                .params(conversationId, AWAITING).query(Long.class).optional();
        if (pending.isPresent()) {
            throw new StateConflict("recovery case " + pending.get() + " of this conversation awaits a decision");
        }
        Instant now = clock.instant();
        var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
        jdbc.sql("insert into recovery_case (conversation_id, profile_id, status, opened_by, opened_at)"
                        + " values (?, ?, ?, ?, ?)").params(conversationId, id, AWAITING, who.id(), Times.toDb(now))
                .update(keys, "id");
        long caseId = keys.getKey().longValue();
        profiles.link(conversationId, id);
        audit(caseId, who.id(), "opened", "profile " + id);
        MessageView request = conversations.reply(conversationId, who.id(), properties.photoRequestText());
        audit(caseId, who.id(), "photo_requested", "message " + request.id());
        return get(caseId);
    }

    private static final org.springframework.jdbc.core.RowMapper<CaseView> CASE = (rs, n) -> new CaseView(
            rs.getLong("id"), rs.getLong("conversation_id"), rs.getString("profile_id"), rs.getString("status"),
            rs.getLong("opened_by"), Times.fromDb(rs, "opened_at"), Times.nullableLong(rs, "decided_by"),
            rs.getObject("decided_at") == null ? null : Times.fromDb(rs, "decided_at"), rs.getString("reason"));

    public CaseView get(long caseId) {
        return jdbc.sql("select * from recovery_case where id = ?").param(caseId).query(CASE).optional()
                .orElseThrow(() -> new NotFound("no recovery case " + caseId));
    }

    /** A case for an agent who may see its conversation (404 otherwise is not needed: 403 names the reason). */
    public CaseView visible(AgentIdentity who, long caseId) {
        CaseView c = get(caseId);
        access.requireView(who, conversations.get(c.conversationId()));
        return c;
    }

    /** Cases in a status ({@code null}: all), newest first, that this agent may see. */
    public List<CaseView> list(AgentIdentity who, String status, int limit) {
        if (status != null && !List.of(AWAITING, APPROVED, REJECTED).contains(status)) {
            throw new InvalidInput("status", "status must be awaiting, approved or rejected");
        }
        List<CaseView> cases = status == null
                ? jdbc.sql("select * from recovery_case order by id desc fetch first 1000 rows only").query(CASE).list()
                : jdbc.sql("select * from recovery_case where status = ? order by id desc fetch first 1000 rows only")
                .param(status).query(CASE).list();
        List<CaseView> out = new ArrayList<>();
        for (CaseView c : cases) {
            if (who.isAdmin() || access.canView(who, conversations.get(c.conversationId()))) {
                out.add(c);
            }
            if (out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    /** The cases of one conversation, newest first. */
    public List<CaseView> casesOf(AgentIdentity who, long conversationId) {
        access.requireView(who, conversations.get(conversationId));
        return jdbc.sql("select * from recovery_case where conversation_id = ? order by id desc")
                .param(conversationId).query(CASE).list();
    }

    /** Everything the agent compares and weighs; the review itself is audited with the photos it showed. */
    @Transactional
    public Review review(AgentIdentity who, long caseId) {
        CaseView c = visible(who, caseId);
        Profiles.ProfileView profile = profiles.get(c.profileId());
        List<UserPhoto> photos = userPhotos(c);
        List<Signal> signals = signals(c, profile);
        audit(caseId, who.id(), "reviewed", "user photos " + photos.stream().map(p -> String.valueOf(p.attachmentId()))
                .toList() + ", profile photos " + profile.photos() + ", signals "
                + signals.stream().map(Signal::code).toList());
        return new Review(c, profile, photos, signals, audit(caseId));
    }

    /**
     * The agent holding the conversation decides: approve (only once the user sent a photo) or reject with a
     * reason; the user is told through the conversation, the service by {@link AccessRecoveryDecided}.
     */
    @Transactional
    public CaseView decide(AgentIdentity who, long caseId, String decision, String reason) {
        CaseView c = visible(who, caseId);
        boolean approve;
        if ("approve".equals(decision)) {
            approve = true;
        } else if ("reject".equals(decision)) {
            approve = false;
        } else {
            throw new InvalidInput("decision", "decision must be approve or reject");
        }
        String why = approve ? Require.optionalText(reason, "reason", 1000) : Require.text(reason, "reason", 1000);
        if (!c.status().equals(AWAITING)) {
            throw new StateConflict("recovery case " + caseId + " is " + c.status() + " already");
        }
        List<UserPhoto> photos = userPhotos(c);
        if (approve && photos.isEmpty()) {
            throw new StateConflict("the user has not sent a photo yet: nothing to compare");
        }
        Instant now = clock.instant();
        String status = approve ? APPROVED : REJECTED;
        int changed = jdbc.sql("update recovery_case set status = ?, decided_by = ?, decided_at = ?, reason = ?"
                        + " where id = ? and status = ?")
                .params(status, who.id(), Times.toDb(now), why, caseId, AWAITING).update();
        if (changed == 0) {
            throw new StateConflict("recovery case " + caseId + " was decided meanwhile");
        }
        String template = approve ? properties.approvedText() : properties.rejectedText();
        String text = template.replace("{reason}", why == null ? "" : why).strip();
        MessageView told = conversations.reply(c.conversationId(), who.id(), text);
        audit(caseId, who.id(), status, (why == null ? "" : why + "; ") + "compared user photos "
                + photos.stream().map(p -> String.valueOf(p.attachmentId())).toList() + "; signals "
                + signals(c, profiles.get(c.profileId())).stream().map(Signal::code).toList()
                + "; told in message " + told.id());
        events.publishEvent(new AccessRecoveryDecided(caseId, c.conversationId(), c.profileId(), approve, who.id(),
                now));
        return get(caseId);
    }

    /** Image attachments the user sent in the conversation since the case opened. */
    List<UserPhoto> userPhotos(CaseView c) {
        List<MessageView> inbound = conversations.messages(c.conversationId(), 0, 1000).stream()
                .filter(m -> m.direction() == Direction.IN && !m.createdAt().isBefore(c.openedAt())).toList();
        Map<Long, Instant> sentAt = inbound.stream().collect(Collectors.toMap(MessageView::id, MessageView::createdAt));
        return attachments.ofMessages(inbound.stream().map(MessageView::id).toList()).stream()
                .filter(a -> a.refused() == null && a.contentType().startsWith("image/"))
                .map(a -> new UserPhoto(a.id(), a.name(), sentAt.get(a.messageId()))).toList();
    }

    /**
     * The signals: the request's language (triage's reading of the user's messages) differs from the language of
     * the profile's posts; the request's region (from the channel, where known) differs from the profile's usual
     * one; many recovery cases for this profile lately.
     */
    List<Signal> signals(CaseView c, Profiles.ProfileView profile) {
        List<Signal> signals = new ArrayList<>();
        // the language most of the user's words are in; a photo's caption (its file name) is not the user's words
        String requestLanguage = jdbc.sql("""
                select t.lang from message_triage t join message m on m.id = t.message_id
                where t.conversation_id = ?
                  and not exists (select 1 from attachment a where a.message_id = m.id)
                group by t.lang order by sum(length(m.body)) desc, t.lang fetch first 1 rows only""")
                .param(c.conversationId())
                .query(String.class).optional().orElse(null);
        if (requestLanguage != null && profile.postsLanguage() != null
                && !requestLanguage.equals(profile.postsLanguage())) {
            signals.add(new Signal("language", "the request is written in " + requestLanguage
                    + ", the profile's posts in " + profile.postsLanguage(),
                    List.of(requestLanguage, profile.postsLanguage())));
        }
        String requestRegion = jdbc.sql("""
                select ct.region from conversation c join contact ct on ct.id = c.contact_id where c.id = ?""")
                .param(c.conversationId()).query(String.class).optional().orElse(null);
        if (requestRegion != null && !requestRegion.isBlank() && profile.usualRegion() != null
                && !requestRegion.equalsIgnoreCase(profile.usualRegion())) {
            signals.add(new Signal("region", "the request comes from " + requestRegion + ", the profile is usually in "
                    + profile.usualRegion(), List.of(requestRegion, profile.usualRegion())));
        }
        Instant since = c.openedAt().minus(properties.manyRequestsWindow());
        long recent = jdbc.sql("select count(*) from recovery_case where profile_id = ? and opened_at >= ?")
                .params(c.profileId(), Times.toDb(since)).query(Long.class).single();
        if (recent >= properties.manyRequests()) {
            long contacts = jdbc.sql("""
                    select count(distinct cv.contact_id) from recovery_case r join conversation cv
                    on cv.id = r.conversation_id where r.profile_id = ? and r.opened_at >= ?""")
                    .params(c.profileId(), Times.toDb(since)).query(Long.class).single();
            String days = String.valueOf(properties.manyRequestsWindow().toDays());
            signals.add(new Signal("many_requests", recent + " recovery requests for this profile in the last "
                    + days + " days, from " + contacts + " contacts",
                    List.of(String.valueOf(recent), days, String.valueOf(contacts))));
        }
        return signals;
    }

    /** Writes one audit row. */
    void audit(long caseId, Long agentId, String action, String detail) {
        jdbc.sql("insert into recovery_audit (case_id, at, agent_id, action, detail) values (?, ?, ?, ?, ?)")
                .params(caseId, Times.toDb(clock.instant()), agentId, action,
                        detail == null || detail.length() <= 2000 ? detail : detail.substring(0, 2000)).update();
    }

    public List<AuditEntry> audit(long caseId) {
        return jdbc.sql("select at, agent_id, action, detail from recovery_audit where case_id = ? order by id")
                .param(caseId).query((rs, n) -> new AuditEntry(Times.fromDb(rs, "at"),
                        Times.nullableLong(rs, "agent_id"), rs.getString("action"), rs.getString("detail"))).list();
    }

    /** A profile photo for an agent reviewing a case of that profile (audited). */
    public Profiles.Photo profilePhoto(AgentIdentity who, long caseId, int position) {
        CaseView c = visible(who, caseId);
        Profiles.Photo photo = profiles.photo(c.profileId(), position)
                .orElseThrow(() -> new NotFound("no photo " + position + " of profile " + c.profileId()));
        audit(caseId, who.id(), "profile_photo_viewed", "photo " + position);
        return photo;
    }

    /** An agent links a conversation to a profile without a recovery case (to see its facts and guard replies). */
    @Transactional
    public void link(AgentIdentity who, long conversationId, String profileId) {
        String id = Require.text(profileId, "profileId", 100);
        access.requireView(who, conversations.get(conversationId));
        if (profiles.find(id).isEmpty()) {
            throw new InvalidInput("profileId", "no profile " + id);
        }
        profiles.link(conversationId, id);
    }

    /** The profile of a conversation, for an agent who may see the conversation. */
    public Optional<Profiles.ProfileView> profileOf(AgentIdentity who, long conversationId) {
        access.requireView(who, conversations.get(conversationId));
        return profiles.profileOf(conversationId).flatMap(profiles::find);
    }
}
