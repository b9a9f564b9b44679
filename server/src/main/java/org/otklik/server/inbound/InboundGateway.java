package org.otklik.server.inbound;

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
 * says where the conversation stands. Call it outside any transaction.
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
