package org.otklik.server.inbound;

import java.time.Instant;
import org.otklik.server.channel.ChannelIdentity;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.conversation.InboundMessage;
import org.otklik.server.csat.CsatManagement;
import org.otklik.server.csat.CsatRating;
import org.otklik.server.department.Departments;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.NotAllowed;
import org.otklik.server.shared.Require;
import org.otklik.server.triage.Labels;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The REST API channel: a client system posts its users' messages, confirmations and ratings with its token. */
@RestController
@RequestMapping("/api/v1")
class InboundApiController {

    static final int MAX_TEXT = 10_000;

    private final InboundGateway gateway;
    private final ConversationManagement conversations;
    private final CsatManagement csat;
    private final Departments departments;

    InboundApiController(InboundGateway gateway, ConversationManagement conversations, CsatManagement csat,
                         Departments departments) {
        this.gateway = gateway;
        this.conversations = conversations;
        this.csat = csat;
        this.departments = departments;
    }

    record ContactPart(String externalId, String name, Boolean vip, String region) {
    }

    record InboundRequest(String externalId, ContactPart contact, String text, String department, Boolean urgent,
                          String source) {
    }

    @PostMapping("/inbound")
    ResponseEntity<InboundReceipt> inbound(@AuthenticationPrincipal ChannelIdentity channel,
                                           @RequestBody InboundRequest request) {
        String externalId = Require.text(request.externalId(), "externalId", 200);
        ContactPart contact = Require.present(request.contact(), "contact");
        String contactId = Require.text(contact.externalId(), "contact.externalId", 200);
        String name = Require.optionalText(contact.name(), "contact.name", 200);
        String region = Require.optionalText(contact.region(), "contact.region", 64);
        String text = Require.text(request.text(), "text", MAX_TEXT);
        String department = request.department() == null ? null
                : departments.requireKnown(request.department(), "department");
        if (request.source() != null && !Labels.SOURCES.contains(request.source())) {
            throw new InvalidInput("source", "source must be one of " + Labels.SOURCES);
        }
        InboundReceipt receipt = gateway.accept(new InboundMessage(channel.channelId(), externalId, contactId, name,
                text, department, contact.vip(), Boolean.TRUE.equals(request.urgent())).fromRegion(region),
                request.source());
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(receipt);
    }

    record ConfirmationRequest(Boolean confirmed) {
    }

    record StatusResponse(long conversationId, String status, String closeReason) {
        static StatusResponse of(ConversationView c) {
            return new StatusResponse(c.id(), c.status().wire(),
                    c.closeReason() == null ? null : c.closeReason().wire());
        }
    }

    @PostMapping("/conversations/{id}/confirmation")
    StatusResponse confirmation(@AuthenticationPrincipal ChannelIdentity channel, @PathVariable long id,
                                   @RequestBody ConfirmationRequest request) {
        boolean confirmed = Require.present(request.confirmed(), "confirmed");
        requireOwnConversation(channel, id);
        return StatusResponse.of(conversations.answerResolution(id, confirmed));
    }

    /** The user gave up waiting (left the client's chat): the waiting conversation closes as abandoned. */
    @PostMapping("/conversations/{id}/abandonment")
    StatusResponse abandonment(@AuthenticationPrincipal ChannelIdentity channel, @PathVariable long id) {
        requireOwnConversation(channel, id);
        return StatusResponse.of(conversations.abandon(id));
    }

    record CsatRequest(Integer score, String comment) {
    }

    record CsatResponse(long conversationId, int score, String comment, Instant submittedAt) {
    }

    @PostMapping("/conversations/{id}/csat")
    ResponseEntity<CsatResponse> csat(@AuthenticationPrincipal ChannelIdentity channel, @PathVariable long id,
                                      @RequestBody CsatRequest request) {
        if (request.score() == null) {
            throw new InvalidInput("score", "score is required");
        }
        requireOwnConversation(channel, id);
        CsatRating rating = csat.submit(id, request.score(), request.comment());
        return ResponseEntity.status(HttpStatus.CREATED).body(new CsatResponse(id, rating.score(), rating.comment(),
                rating.submittedAt()));
    }

    private void requireOwnConversation(ChannelIdentity channel, long conversationId) {
        if (!conversations.get(conversationId).channelId().equals(channel.channelId())) {
            throw new NotAllowed("this conversation belongs to another channel");
        }
    }
}
