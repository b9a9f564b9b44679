package org.otklik.server.agentdesk;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.otklik.engine.lifecycle.ConversationStatus;
import org.otklik.engine.routing.QueuePosition;
import org.otklik.server.agent.Agent;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.cannedreply.CannedReplies;
import org.otklik.server.cannedreply.CannedReply;
import org.otklik.server.cannedreply.ReplyTemplate;
import org.otklik.server.conversation.ConversationFilter;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.conversation.MessageView;
import org.otklik.server.csat.CsatManagement;
import org.otklik.server.csat.CsatRating;
import org.otklik.server.department.Department;
import org.otklik.server.department.Departments;
import org.otklik.server.routing.RoutingManagement;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.NotAllowed;
import org.otklik.server.shared.Require;
import org.springframework.stereotype.Component;

/** What the REST API and the workspace both do for an agent: read conversations, reply, propose resolutions. */
@Component
class Desk {

    static final int MAX_REPLY = 10_000;

    private final ConversationManagement conversations;
    private final ConversationAccess access;
    private final AgentManagement agents;
    private final CsatManagement csat;
    private final RoutingManagement routing;
    private final CannedReplies cannedReplies;
    private final Departments departments;

    Desk(ConversationManagement conversations, ConversationAccess access, AgentManagement agents, CsatManagement csat,
         RoutingManagement routing, CannedReplies cannedReplies, Departments departments) {
        this.conversations = conversations;
        this.access = access;
        this.agents = agents;
        this.csat = csat;
        this.routing = routing;
        this.cannedReplies = cannedReplies;
        this.departments = departments;
    }

    ConversationView view(Object principal, long id) {
        ConversationView conversation = conversations.get(id);
        access.requireView(principal, conversation);
        return conversation;
    }

    ConversationJson json(Object principal, long id) {
        return json(List.of(view(principal, id))).get(0);
    }

    List<ConversationJson> list(AgentIdentity who, ConversationFilter filter) {
        return json(conversations.list(access.visibleTo(who, filter)));
    }

    List<ConversationJson> json(List<ConversationView> views) {
        List<Long> ids = views.stream().map(ConversationView::id).toList();
        Map<Long, CsatRating> ratings = csat.findAll(ids);
        List<Long> waiting = views.stream().filter(v -> v.status() == ConversationStatus.WAITING)
                .map(ConversationView::id).toList();
        Map<Long, QueuePosition> positions = waiting.isEmpty() ? Map.of() : routing.positions(waiting);
        Map<Long, String> logins = logins();
        return views.stream().map(v -> ConversationJson.of(v, v.assigneeId() == null ? null
                : logins.get(v.assigneeId()), ratings.get(v.id()), positions.get(v.id()))).toList();
    }

    List<MessageView> messages(Object principal, long id) {
        view(principal, id);
        return conversations.messages(id, 0, 1000);
    }

    /** Sends the agent's text, or a canned reply with its variables filled. Exactly one of the two must be given. */
    MessageView reply(AgentIdentity who, long conversationId, String text, Long cannedReplyId) {
        ConversationView conversation = view(who, conversationId);
        access.requireAssignee(who, conversation);
        String body;
        if (cannedReplyId != null) {
            if (text != null && !text.isBlank()) {
                throw new InvalidInput("text", "send either text or cannedReplyId, not both");
            }
            body = renderCanned(who, conversation, cannedReplyId);
        } else {
            body = Require.text(text, "text", MAX_REPLY);
        }
        return conversations.reply(conversationId, who.id(), body);
    }

    ConversationView proposeResolution(AgentIdentity who, long conversationId) {
        access.requireAssignee(who, view(who, conversationId));
        return conversations.proposeResolution(conversationId, who.id());
    }

    String renderCanned(AgentIdentity who, ConversationView conversation, long cannedReplyId) {
        CannedReply reply = cannedReplies.get(cannedReplyId);
        if (reply.department() != null && !reply.department().equals(conversation.department())) {
            throw new NotAllowed("canned reply " + cannedReplyId + " belongs to department " + reply.department());
        }
        Map<String, String> values = new HashMap<>();
        values.put("contact.name", conversation.contactName());
        values.put("agent.name", firstName(who.displayName()));
        values.put("conversation.id", Long.toString(conversation.id()));
        values.put("department.name", departments.find(conversation.department()).map(Department::name)
                .orElse(conversation.department()));
        return ReplyTemplate.render(reply.body(), values);
    }

    List<CannedReply> cannedRepliesFor(AgentIdentity who) {
        if (who.isAdmin()) {
            return cannedReplies.all();
        }
        return cannedReplies.forDepartments(agents.find(who.id()).map(Agent::skills).orElse(Set.of()));
    }

    Map<Long, String> logins() {
        Map<Long, String> logins = new HashMap<>();
        agents.all().forEach(a -> logins.put(a.id(), a.login()));
        return logins;
    }

    private static String firstName(String displayName) {
        int space = displayName.indexOf(' ');
        return space > 0 ? displayName.substring(0, space) : displayName;
    }
}
