package org.otklik.server.inbound;

import java.util.Optional;
import org.otklik.engine.lifecycle.ConversationStatus;
import org.otklik.engine.routing.QueuePosition;
import org.otklik.server.channel.ChannelManagement;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.conversation.InboundMessage;
import org.otklik.server.conversation.Received;
import org.otklik.server.routing.RoutingManagement;
import org.otklik.server.triage.Labels;
import org.otklik.server.triage.TriageManagement;
import org.springframework.stereotype.Service;

/**
 * The one way a user's message enters Otklik, whatever the channel: triage reads it (a problem goes to its
 * department's queue when the channel did not say) on the caller's thread, it is stored exactly once with its labels
 * (in a batch with the messages arriving at the same time: {@link InboundWriter}), routing settles, and the answer
 * says where the conversation stands: from routing and the status the message left, read back from the database
 * only when those cannot tell. Call it outside any transaction.
 */
@Service
public class InboundGateway {

    private final ConversationManagement conversations;
    private final RoutingManagement routing;
    private final TriageManagement triage;
    private final ChannelManagement channels;
    private final InboundWriter writer;

    InboundGateway(ConversationManagement conversations, RoutingManagement routing, TriageManagement triage,
                   ChannelManagement channels, InboundWriter writer) {
        this.writer = writer;
        this.channels = channels;
        this.conversations = conversations;
        this.routing = routing;
        this.triage = triage;
    }

    /**
     * @param source where the user wrote it (ok_message, vk_comment, mention...; see {@link Labels#SOURCES}), or null
     */
    public InboundReceipt accept(InboundMessage message, String source) {
        Labels labels = triage.read(message.text(), source);
        boolean triageRoutes = message.department() == null
                && channels.get(message.channelId()).departmentFromTriage();
        InboundMessage queued = triageRoutes
                ? triage.departmentOf(labels).map(message::inDepartment).orElse(message) : message;
        InboundMessage routed = triage.automaticAnswer(message.text(), labels)
                .map(m -> queued.withAutoAnswer(new InboundMessage.AutoAnswer(m.entry().id(), m.entry().body(),
                        triage.automaticAnswerPrompt())))
                .orElse(queued);
        Received received = writer.store(routed, labels);
        Optional<RoutingManagement.Placement> placed = routing.settleAndPlace(received.conversationId());
        if (received.duplicate() || placed.isEmpty()) {
            return receipt(received.conversationId(), received.messageId(), received.duplicate());
        }
        // routing's answer and the status the message left need no read of the conversation back
        QueuePosition position = placed.get().position();
        if (position != null) {
            return new InboundReceipt(received.conversationId(), received.messageId(), false,
                    ConversationStatus.WAITING.wire(),
                    new QueueInfo(position.position(), position.estimatedWait().toSeconds()));
        }
        if (received.status() != ConversationStatus.WAITING) {
            return new InboundReceipt(received.conversationId(), received.messageId(), false,
                    received.status().wire(), null);
        }
        if (placed.get().holder() != null) {
            return new InboundReceipt(received.conversationId(), received.messageId(), false,
                    ConversationStatus.ASSIGNED.wire(), null);
        }
        // it waited and routing no longer has it (closed, or moved elsewhere meanwhile): the database says
        return receipt(received.conversationId(), received.messageId(), false);
    }

    /** Where a conversation stands now, in the receipt's terms. */
    public InboundReceipt receipt(long conversationId, long messageId, boolean duplicate) {
        ConversationView conversation = conversations.get(conversationId);
        QueueInfo queue = routing.position(conversationId)
                .map(p -> new QueueInfo(p.position(), p.estimatedWait().toSeconds())).orElse(null);
        return new InboundReceipt(conversationId, messageId, duplicate, conversation.status().wire(), queue);
    }
}
