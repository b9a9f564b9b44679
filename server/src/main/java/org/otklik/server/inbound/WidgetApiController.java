package org.otklik.server.inbound;

import java.time.Instant;
import java.util.List;
import org.otklik.server.channel.Channel;
import org.otklik.server.channel.ChannelManagement;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.conversation.InboundMessage;
import org.otklik.server.conversation.MessageView;
import org.otklik.server.csat.CsatManagement;
import org.otklik.server.csat.CsatRating;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.Require;
import org.otklik.server.shared.Secrets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web chat widget's API. Visitors are anonymous: each browser holds a random visitor token (header
 * {@code X-Visitor-Token}); the server keeps only its hash, as the contact's id. No cookies, so no CSRF surface.
 */
@RestController
@RequestMapping("/widget/api/{widgetKey}")
class WidgetApiController {

    private static final int MAX_MESSAGES = 500;

    private final ChannelManagement channels;
    private final InboundGateway gateway;
    private final ConversationManagement conversations;
    private final CsatManagement csat;

    WidgetApiController(ChannelManagement channels, InboundGateway gateway, ConversationManagement conversations,
                        CsatManagement csat) {
        this.channels = channels;
        this.gateway = gateway;
        this.conversations = conversations;
        this.csat = csat;
    }

    record Visitor(String visitorToken) {
    }

    @PostMapping("/visitors")
    ResponseEntity<Visitor> newVisitor(@PathVariable String widgetKey) {
        channel(widgetKey);
        return ResponseEntity.status(HttpStatus.CREATED).body(
                new Visitor(Secrets.newToken(WidgetVisitors.TOKEN_PREFIX)));
    }

    record SendRequest(String clientMessageId, String text, String name) {
    }

    @PostMapping("/messages")
    ResponseEntity<InboundReceipt> send(@PathVariable String widgetKey,
                                        @RequestHeader("X-Visitor-Token") String visitorToken,
                                        @RequestBody SendRequest request) {
        Channel channel = channel(widgetKey);
        String clientMessageId = Require.text(request.clientMessageId(), "clientMessageId", 100);
        String text = Require.text(request.text(), "text", InboundApiController.MAX_TEXT);
        String name = Require.optionalText(request.name(), "name", 200);
        String contact = contactOf(visitorToken);
        // the client's id is only unique per visitor, so the stored external id is scoped by the visitor's hash
        InboundReceipt receipt = gateway.accept(InboundMessage.of(channel.id(), contact + ":" + clientMessageId,
                contact, name, text, null), "web_chat");
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(receipt);
    }

    record WidgetMessage(long id, String direction, String kind, String text, Instant createdAt) {
        static WidgetMessage of(MessageView m) {
            return new WidgetMessage(m.id(), m.direction().wire(), m.kind().wire(), m.text(), m.createdAt());
        }
    }

    record WidgetCsat(int score, String comment) {
    }

    record WidgetConversation(Long conversationId, String status, QueueInfo queue, WidgetCsat csat,
                              List<WidgetMessage> messages) {
    }

    @GetMapping("/conversation")
    WidgetConversation conversation(@PathVariable String widgetKey,
                                    @RequestHeader("X-Visitor-Token") String visitorToken) {
        Channel channel = channel(widgetKey);
        ConversationView conversation = conversations.latestOf(channel.id(), contactOf(visitorToken)).orElse(null);
        if (conversation == null) {
            return new WidgetConversation(null, null, null, null, List.of());
        }
        InboundReceipt state = gateway.receipt(conversation.id(), 0, false);
        WidgetCsat rating = csat.find(conversation.id()).map(r -> new WidgetCsat(r.score(), r.comment())).orElse(null);
        List<WidgetMessage> messages = conversations.messages(conversation.id(), 0, MAX_MESSAGES).stream()
                .map(WidgetMessage::of).toList();
        return new WidgetConversation(conversation.id(), state.status(), state.queue(), rating, messages);
    }

    record ConfirmationRequest(Boolean confirmed) {
    }

    @PostMapping("/confirmation")
    WidgetConversation confirm(@PathVariable String widgetKey, @RequestHeader("X-Visitor-Token") String visitorToken,
                               @RequestBody ConfirmationRequest request) {
        boolean confirmed = Require.present(request.confirmed(), "confirmed");
        conversations.answerResolution(current(widgetKey, visitorToken).id(), confirmed);
        return conversation(widgetKey, visitorToken);
    }

    /** The visitor stops waiting (the "don't wait" button): their waiting conversation closes as abandoned. */
    @PostMapping("/leave")
    WidgetConversation leave(@PathVariable String widgetKey, @RequestHeader("X-Visitor-Token") String visitorToken) {
        conversations.abandon(current(widgetKey, visitorToken).id());
        return conversation(widgetKey, visitorToken);
    }

    record CsatRequest(Integer score, String comment) {
    }

    @PostMapping("/csat")
    ResponseEntity<WidgetCsat> rate(@PathVariable String widgetKey,
                                    @RequestHeader("X-Visitor-Token") String visitorToken,
                                    @RequestBody CsatRequest request) {
        CsatRating rating = csat.submit(current(widgetKey, visitorToken).id(), request.score(), request.comment());
        return ResponseEntity.status(HttpStatus.CREATED).body(new WidgetCsat(rating.score(), rating.comment()));
    }

    private ConversationView current(String widgetKey, String visitorToken) {
        Channel channel = channel(widgetKey);
        return conversations.latestOf(channel.id(), contactOf(visitorToken))
                .orElseThrow(() -> new NotFound("this visitor has no conversation yet"));
    }

    private Channel channel(String widgetKey) {
        return channels.widget(widgetKey);
    }

    private static String contactOf(String visitorToken) {
        return WidgetVisitors.contactOf(visitorToken);
    }
}
