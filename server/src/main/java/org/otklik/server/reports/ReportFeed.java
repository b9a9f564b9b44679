package org.otklik.server.reports;

import java.time.Instant;
import org.otklik.server.conversation.ConversationAssigned;
import org.otklik.server.conversation.ConversationClosed;
import org.otklik.server.conversation.ConversationOverflowed;
import org.otklik.server.conversation.ConversationQueued;
import org.otklik.server.conversation.ConversationReopened;
import org.otklik.server.conversation.ReplySent;
import org.otklik.server.csat.CsatSubmitted;
import org.otklik.server.shared.AfterCommit;
import org.otklik.server.shared.DeferredInserts;
import org.otklik.server.shared.Times;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Puts every lifecycle event that reports count into {@code report_pending}, in the transaction that made the event:
 * the event is kept exactly when its cause is, crash or not. The {@link ReportProjection} applies and deletes them in
 * batches. One small insert per event, where the event publication registry wrote and then deleted a row per event and
 * listener, and the projection spent a transaction per event on the same few rollup rows. The rows of one
 * transaction go in one batch just before it commits ({@link DeferredInserts}).
 */
@Component
class ReportFeed {

    enum Kind { QUEUED, ASSIGNED, FIRST_REPLY, CLOSED, REOPENED, OVERFLOWED, CSAT }

    private final DeferredInserts deferred;
    private final ReportProjection projection;

    ReportFeed(DeferredInserts deferred, ReportProjection projection) {
        this.deferred = deferred;
        this.projection = projection;
    }

    @EventListener
    void on(ConversationQueued e) {
        pending(Kind.QUEUED, e.conversationId(), null, e.queuedAt(), null, null);
    }

    @EventListener
    void on(ConversationAssigned e) {
        pending(Kind.ASSIGNED, e.conversationId(), e.agentId(), e.assignedAt(), null, null);
    }

    @EventListener
    void on(ReplySent e) {
        if (e.firstReply()) {
            pending(Kind.FIRST_REPLY, e.conversationId(), e.agentId(), e.at(), null, null);
        }
    }

    @EventListener
    void on(ConversationClosed e) {
        pending(Kind.CLOSED, e.conversationId(), e.agentId(), e.at(), e.reason().wire(), null);
    }

    @EventListener
    void on(ConversationReopened e) {
        pending(Kind.REOPENED, e.conversationId(), e.previousAgentId(), e.at(), null, e.reopenCount());
    }

    @EventListener
    void on(ConversationOverflowed e) {
        pending(Kind.OVERFLOWED, e.conversationId(), null, e.at(), null, null);
    }

    @EventListener
    void on(CsatSubmitted e) {
        pending(Kind.CSAT, e.conversationId(), e.agentId(), e.at(), null, e.score());
    }

    private void pending(Kind kind, long conversationId, Long agentId, Instant at, String reason, Integer amount) {
        deferred.add("""
                insert into report_pending (kind, conversation_id, agent_id, occurred_at, reason, amount)
                values (?, ?, ?, ?, ?, ?)""", kind.name(), conversationId, agentId, Times.toDb(at), reason, amount);
        AfterCommit.run(projection::nudge);
    }
}
