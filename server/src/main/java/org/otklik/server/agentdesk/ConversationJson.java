package org.otklik.server.agentdesk;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;
import org.otklik.server.connector.Attachments;
import org.otklik.server.connector.Outbox;
import org.otklik.server.triage.Labels;
import org.otklik.server.triage.MessageLabels;
import org.otklik.engine.routing.QueuePosition;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.conversation.MessageView;
import org.otklik.server.csat.CsatRating;

/** The API's JSON shape of a conversation ({@code assignee} is the agent's login, {@code channel} the channel id). */
public record ConversationJson(long id, String status, String department, String channel, String assignee,
                        CsatJson csat, String closeReason, String priority, ContactJson contact, QueueJson queue,
                        String assignmentReason, int reopenCount, Instant createdAt, Instant queuedAt,
                        Instant assignedAt, Instant firstReplyAt, Instant resolutionProposedAt, Instant closedAt,
                        Instant updatedAt) {

    public record CsatJson(int score, String comment, Instant submittedAt) {
    }

    public record ContactJson(long id, String externalId, String name, boolean vip) {
    }

    public record QueueJson(int position, long estimatedWaitSeconds) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /**
     * A message; {@code delivery} for a message to the user of a platform channel: {@code queued}, {@code sending},
     * {@code sent} (with the platform's id) or {@code failed} (with the reason).
     */
    public record MessageJson(long id, String direction, String kind, String text, Long agentId, Instant createdAt,
                              TriageJson triage, Outbox.Delivery delivery,
                              java.util.List<Attachments.AttachmentView> attachments) {
        static MessageJson of(MessageView m) {
            return of(m, null, null, java.util.List.of());
        }

        static MessageJson of(MessageView m, TriageJson triage, Outbox.Delivery delivery,
                              java.util.List<Attachments.AttachmentView> attachments) {
            return new MessageJson(m.id(), m.direction().wire(), m.kind().wire(), m.text(), m.agentId(),
                    m.createdAt(), triage, delivery, attachments);
        }
    }

    /** What triage read a user's message as (or what an agent corrected it to: {@code corrected}). */
    public record TriageJson(String kind, String department, boolean isPrivate, boolean profanity, String outage,
                             String lang, Map<String, Double> confidence, String source, boolean corrected) {

        @JsonProperty("private")
        public boolean isPrivate() {
            return isPrivate;
        }

        static TriageJson of(MessageLabels labels) {
            Labels l = labels.effective();
            return new TriageJson(l.kind(), l.department(), l.isPrivate(), l.profanity(), l.outage(), l.lang(),
                    labels.predicted().confidence(), l.source(), labels.corrected() != null);
        }
    }

    static ConversationJson of(ConversationView c, String assigneeLogin, CsatRating rating, QueuePosition position) {
        return new ConversationJson(c.id(), c.status().wire(), c.department(), c.channelId(), assigneeLogin,
                rating == null ? null : new CsatJson(rating.score(), rating.comment(), rating.submittedAt()),
                c.closeReason() == null ? null : c.closeReason().wire(), c.priority().wire(),
                new ContactJson(c.contactId(), c.contactExternalId(), c.contactName(), c.contactVip()),
                position == null ? null : new QueueJson(position.position(), position.estimatedWait().toSeconds()),
                c.assignmentReason(), c.reopenCount(), c.createdAt(), c.queuedAt(), c.assignedAt(), c.firstReplyAt(),
                c.resolutionProposedAt(), c.closedAt(), c.updatedAt());
    }
}
