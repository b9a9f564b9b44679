package org.otklik.server.agentdesk;

import java.util.Set;
import org.otklik.server.agent.Agent;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.channel.ChannelIdentity;
import org.otklik.server.conversation.ConversationFilter;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.shared.NotAllowed;
import org.springframework.stereotype.Component;

/**
 * Who may see and work which conversation. Admins see everything. Agents see conversations of their skills'
 * departments and those they hold or held; they act only on those assigned to them. A channel sees its own. Public so
 * that modules acting on a conversation for an agent (escalation) apply the same rules as the desk.
 */
@Component
public class ConversationAccess {

    private final AgentManagement agents;

    ConversationAccess(AgentManagement agents) {
        this.agents = agents;
    }

    public boolean canView(AgentIdentity who, ConversationView conversation) {
        if (who.isAdmin() || who.id() == nullSafe(conversation.assigneeId())
                || who.id() == nullSafe(conversation.previousAssigneeId())) {
            return true;
        }
        return agents.find(who.id()).map(a -> a.hasSkill(conversation.department())).orElse(false);
    }

    public void requireView(Object principal, ConversationView conversation) {
        if (principal instanceof AgentIdentity agent) {
            if (!canView(agent, conversation)) {
                throw new NotAllowed("this conversation is outside your departments");
            }
        } else if (principal instanceof ChannelIdentity channel) {
            if (!channel.channelId().equals(conversation.channelId())) {
                throw new NotAllowed("this conversation belongs to another channel");
            }
        } else {
            throw new NotAllowed("sign in first");
        }
    }

    void requireAssignee(AgentIdentity who, ConversationView conversation) {
        requireView(who, conversation);
        if (conversation.assigneeId() == null || conversation.assigneeId() != who.id()) {
            throw new NotAllowed("only the agent the conversation is assigned to can do this");
        }
    }

    /** Narrows a listing to what this agent may see. */
    ConversationFilter visibleTo(AgentIdentity who, ConversationFilter filter) {
        if (who.isAdmin()) {
            return filter;
        }
        Set<String> skills = agents.find(who.id()).map(Agent::skills).orElse(Set.of());
        return new ConversationFilter(filter.status(), filter.department(), filter.channelId(), filter.assigneeId(),
                skills, who.id(), filter.limit());
    }

    private static long nullSafe(Long id) {
        return id == null ? Long.MIN_VALUE : id;
    }
}
