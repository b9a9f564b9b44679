package org.otklik.server.inbound;

import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.conversation.InboundMessage;
import org.otklik.server.conversation.Received;
import org.otklik.server.routing.RoutingManagement;
import org.springframework.stereotype.Service;

/**
 * The one way a user's message enters Otklik, whatever the channel: store it exactly once, let routing settle, and
 * report where the conversation stands. Call it outside any transaction.
 */
@Service
public class InboundGateway {

    private final ConversationManagement conversations;
    private final RoutingManagement routing;

    InboundGateway(ConversationManagement conversations, RoutingManagement routing) {
        this.conversations = conversations;
        this.routing = routing;
    }

    public InboundReceipt accept(InboundMessage message) {
        Received received = conversations.receive(message);
        routing.settle();
        return receipt(received.conversationId(), received.messageId(), received.duplicate());
    }

    /** Where a conversation stands now, in the receipt's terms. */
    public InboundReceipt receipt(long conversationId, long messageId, boolean duplicate) {
        ConversationView conversation = conversations.get(conversationId);
        QueueInfo queue = routing.position(conversationId)
                .map(p -> new QueueInfo(p.position(), p.estimatedWait().toSeconds())).orElse(null);
        return new InboundReceipt(conversationId, messageId, duplicate, conversation.status().wire(), queue);
    }
}
