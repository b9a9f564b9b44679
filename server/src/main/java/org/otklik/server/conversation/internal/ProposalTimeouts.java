package org.otklik.server.conversation.internal;

import org.otklik.server.conversation.ConversationManagement;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Closes proposed resolutions the user left unanswered, as {@code auto_closed}, on a fixed schedule. */
@Component
class ProposalTimeouts {

    private final ConversationManagement conversations;

    ProposalTimeouts(ConversationManagement conversations) {
        this.conversations = conversations;
    }

    @Scheduled(fixedDelayString = "${otklik.lifecycle.auto-close-check-interval:30s}",
            initialDelayString = "${otklik.lifecycle.auto-close-check-interval:30s}")
    void closeOverdueProposals() {
        conversations.closeOverdueProposals();
    }
}
