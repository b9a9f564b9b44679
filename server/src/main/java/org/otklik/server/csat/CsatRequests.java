package org.otklik.server.csat;

import org.otklik.engine.lifecycle.CloseReason;
import org.otklik.server.conversation.ConversationClosed;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.MessageKind;
import org.springframework.scheduling.annotation.Async;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Asks the user for a rating once a conversation closes. A durable listener: if the process dies after the close
 * commits, the event publication registry hands the event over again on restart; the message key makes that safe.
 * (Not {@code @ApplicationModuleListener}: that would wrap the post in a second transaction and hold two connections.)
 */
@Component
class CsatRequests {

    private final ConversationManagement conversations;
    private final CsatProperties properties;

    CsatRequests(ConversationManagement conversations, CsatProperties properties) {
        this.conversations = conversations;
        this.properties = properties;
    }

    @Async
    @TransactionalEventListener
    void on(ConversationClosed closed) {
        if (closed.reason() == CloseReason.ABANDONED) {
            return; // the user left before anyone helped: nothing to rate
        }
        conversations.postSystemMessage(closed.conversationId(), MessageKind.CSAT_REQUEST, properties.requestText(),
                "csat-request:" + closed.conversationId() + ":" + closed.at().toEpochMilli());
    }
}
