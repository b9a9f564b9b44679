package org.otklik.server.agentdesk;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.otklik.engine.lifecycle.ConversationStatus;
import org.otklik.engine.routing.AgentLoad;
import org.otklik.engine.routing.Presence;
import org.otklik.engine.routing.QueueSnapshot;
import org.otklik.server.agent.Agent;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.agent.IssuedToken;
import org.otklik.server.cannedreply.CannedReply;
import org.otklik.server.conversation.ConversationFilter;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.MessageView;
import org.otklik.server.conversation.TimelineEntry;
import org.otklik.server.department.Department;
import org.otklik.server.department.Departments;
import org.otklik.server.routing.RoutingManagement;
import org.otklik.server.shared.ApiError;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.Require;
import org.otklik.server.connector.Attachments;
import org.otklik.server.sla.SlaClock;
import org.otklik.server.sla.SlaMonitor;
import org.otklik.server.connector.Outbox;
import org.otklik.server.conversation.ContactManagement;
import org.otklik.server.conversation.ContactView;
import org.otklik.server.triage.Labels;
import org.otklik.server.triage.MessageLabels;
import org.otklik.server.triage.TriageManagement;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The agents' REST API: sign in, presence, conversations, replies, resolutions, canned replies and queues. */
@RestController
@RequestMapping("/api/v1")
class AgentApiController {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 500;

    private final AgentManagement agents;
    private final ConversationManagement conversations;
    private final Desk desk;
    private final RoutingManagement routing;
    private final Departments departments;
    private final TriageManagement triage;
    private final Outbox outbox;
    private final ContactManagement contacts;
    private final Attachments attachments;
    private final SlaMonitor slaMonitor;

    AgentApiController(AgentManagement agents, ConversationManagement conversations, Desk desk,
                       RoutingManagement routing, Departments departments, TriageManagement triage,
                       Outbox outbox, ContactManagement contacts, Attachments attachments,
                       SlaMonitor slaMonitor) {
        this.slaMonitor = slaMonitor;
        this.attachments = attachments;
        this.outbox = outbox;
        this.contacts = contacts;
        this.agents = agents;
        this.conversations = conversations;
        this.desk = desk;
        this.routing = routing;
        this.departments = departments;
        this.triage = triage;
    }

    record Credentials(String login, String password) {
    }

    record TokenResponse(String token, Instant expiresAt, AgentJson agent) {
    }

    record AgentJson(long id, String login, String displayName, String role, Set<String> skills, int maxChats,
                     String status, int activeChats) {
        static AgentJson of(Agent a, AgentLoad load) {
            return new AgentJson(a.id(), a.login(), a.displayName(), a.role().wire(), a.skills(), a.maxChats(),
                    a.presence().wire(), load == null ? 0 : load.activeChats());
        }
    }

    @PostMapping("/auth/token")
    ResponseEntity<?> token(@RequestBody Credentials credentials) {
        String login = Require.text(credentials.login(), "login", 64);
        String password = Require.present(credentials.password(), "password");
        var identity = agents.authenticate(login, password);
        if (identity.isEmpty()) {
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(ApiError.of("wrong login or password"));
        }
        IssuedToken token = agents.issueToken(identity.get());
        return ResponseEntity.ok(new TokenResponse(token.token(), token.expiresAt(), me(identity.get())));
    }

    @GetMapping("/agents/me")
    AgentJson me(@AuthenticationPrincipal AgentIdentity me) {
        return AgentJson.of(agents.get(me.id()), routing.agentLoad(me.id()).orElse(null));
    }

    record StatusRequest(String status) {
    }

    @PutMapping("/agents/me/status")
    AgentJson status(@AuthenticationPrincipal AgentIdentity me, @RequestBody StatusRequest request) {
        agents.changePresence(me.id(), presence(request.status()));
        routing.settle();
        return me(me);
    }

    @GetMapping("/conversations")
    List<ConversationJson> list(@AuthenticationPrincipal AgentIdentity me,
                                @RequestParam(required = false) String status,
                                @RequestParam(required = false) String department,
                                @RequestParam(required = false) String channel,
                                @RequestParam(required = false) String assignee,
                                @RequestParam(required = false) Integer limit) {
        ConversationStatus wanted = status == null || status.isBlank() ? null : status(status);
        String dept = department == null || department.isBlank() ? null
                : departments.requireKnown(department, "department");
        Long assigneeId = assignee == null || assignee.isBlank() ? null : agents.findByLogin(assignee)
                .map(Agent::id).orElseThrow(() -> new InvalidInput("assignee", "no agent with login " + assignee));
        int size = limit == null ? DEFAULT_LIMIT : Require.range(limit, "limit", 1, MAX_LIMIT);
        String channelId = channel == null || channel.isBlank() ? null : channel;
        return desk.list(me, new ConversationFilter(wanted, dept, channelId, assigneeId, null, null, size));
    }

    @GetMapping("/conversations/{id}")
    ConversationJson conversation(@AuthenticationPrincipal Object principal, @PathVariable long id) {
        return desk.json(principal, id);
    }

    @GetMapping("/conversations/{id}/messages")
    List<ConversationJson.MessageJson> messages(@AuthenticationPrincipal Object principal, @PathVariable long id) {
        List<MessageView> messages = desk.messages(principal, id);
        if (!(principal instanceof AgentIdentity)) {
            return messages.stream().map(ConversationJson.MessageJson::of).toList();
        }
        Map<Long, MessageLabels> labels = new HashMap<>();
        triage.labelsOfConversation(id).forEach(l -> labels.put(l.messageId(), l));
        List<Long> ids = messages.stream().map(MessageView::id).toList();
        Map<Long, Outbox.Delivery> deliveries = outbox.ofMessages(ids);
        Map<Long, List<Attachments.AttachmentView>> files = new HashMap<>();
        attachments.ofMessages(ids).forEach(a -> files.computeIfAbsent(a.messageId(), k -> new java.util.ArrayList<>())
                .add(a));
        return messages.stream().map(m -> ConversationJson.MessageJson.of(m, labels.containsKey(m.id())
                ? ConversationJson.TriageJson.of(labels.get(m.id())) : null, deliveries.get(m.id()),
                files.getOrDefault(m.id(), List.of()))).toList();
    }

    /**
     * An attachment's bytes, for an agent who may see its conversation: always as a download, never shown inline,
     * with its checked type and nosniff, so a browser never runs it.
     */
    @GetMapping("/attachments/{id}")
    ResponseEntity<byte[]> attachment(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id) {
        return download(desk, attachments, me, id);
    }

    static ResponseEntity<byte[]> download(Desk desk, Attachments attachments, AgentIdentity me, long id) {
        long conversation = attachments.conversationOf(id).orElseThrow(() -> new NotFound("no attachment " + id));
        desk.view(me, conversation);
        Attachments.File file = attachments.file(id)
                .orElseThrow(() -> new NotFound("attachment " + id + " was not kept (see its reason)"));
        return ResponseEntity.ok()
                .header("Content-Type", file.contentType())
                .header("Content-Disposition", org.springframework.http.ContentDisposition.attachment()
                        .filename(file.name(), java.nio.charset.StandardCharsets.UTF_8).build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(file.data());
    }

    /** The conversation's SLA clocks: first response, next response, resolution, with state and time left. */
    @GetMapping("/conversations/{id}/sla")
    List<SlaClock> sla(@AuthenticationPrincipal Object principal, @PathVariable long id) {
        desk.view(principal, id);
        return slaMonitor.clocks(id);
    }

    /** Recent SLA warnings and breaches (last 24 hours) of the agent's departments (admins: all). */
    @GetMapping("/sla/alerts")
    List<SlaMonitor.Alert> slaAlerts(@AuthenticationPrincipal AgentIdentity me) {
        return slaMonitor.recent(me.isAdmin() ? null : agents.get(me.id()).skills(),
                java.time.Instant.now().minus(java.time.Duration.ofDays(1)), 200);
    }

    // ---- one person across channels ----

    @GetMapping("/contacts/{id}")
    ContactView contact(@PathVariable long id) {
        return contacts.get(id);
    }

    @GetMapping("/contacts/{id}/merge-suggestions")
    List<ContactView> mergeSuggestions(@PathVariable long id) {
        return contacts.mergeSuggestions(id);
    }

    record MergeRequest(Long contactId) {
    }

    @PostMapping("/contacts/{id}/merge")
    ContactView merge(@PathVariable long id, @RequestBody MergeRequest request) {
        return contacts.merge(id, Require.present(request.contactId(), "contactId"));
    }

    @PostMapping("/contacts/{id}/unmerge")
    ContactView unmerge(@PathVariable long id) {
        return contacts.unmerge(id);
    }

    record TriageCorrection(String kind, String department, @JsonProperty("private") Boolean isPrivate,
                            Boolean profanity, String outage, String lang) {
    }

    /** An agent corrects what triage read a user's message as; the correction becomes labelled data. */
    @PutMapping("/messages/{messageId}/triage")
    ConversationJson.TriageJson correctTriage(@AuthenticationPrincipal AgentIdentity me, @PathVariable long messageId,
                                              @RequestBody TriageCorrection c) {
        MessageLabels current = triage.labels(messageId)
                .orElseThrow(() -> new NotFound("message " + messageId + " was not triaged"));
        desk.view(me, current.conversationId());
        Labels was = current.effective();
        Labels corrected = new Labels(Require.present(c.kind(), "kind"), c.department(),
                c.isPrivate() == null ? was.isPrivate() : c.isPrivate(),
                c.profanity() == null ? was.profanity() : c.profanity(), c.outage(),
                c.lang() == null ? was.lang() : c.lang(), was.translit(), Map.of(), was.source());
        return ConversationJson.TriageJson.of(triage.correct(messageId, corrected, me.id()));
    }

    @GetMapping("/conversations/{id}/timeline")
    List<TimelineEntry> timeline(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id) {
        desk.view(me, id);
        return conversations.timeline(id);
    }

    record ReplyRequest(String text, Long cannedReplyId) {
    }

    @PostMapping("/conversations/{id}/replies")
    ResponseEntity<ConversationJson.MessageJson> reply(@AuthenticationPrincipal AgentIdentity me,
                                                       @PathVariable long id, @RequestBody ReplyRequest request) {
        var message = desk.reply(me, id, request.text(), request.cannedReplyId());
        return ResponseEntity.status(HttpStatus.CREATED).body(ConversationJson.MessageJson.of(message));
    }

    @PostMapping("/conversations/{id}/resolution")
    ConversationJson resolution(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id) {
        desk.proposeResolution(me, id);
        return desk.json(me, id);
    }

    @GetMapping("/canned-replies")
    List<CannedReply> cannedReplies(@AuthenticationPrincipal AgentIdentity me) {
        return desk.cannedRepliesFor(me);
    }

    @GetMapping("/departments")
    List<Department> departments() {
        return departments.all();
    }

    record QueueJson(String department, int length, Instant oldestQueuedAt, long estimatedWaitSeconds) {
        static QueueJson of(QueueSnapshot q) {
            return new QueueJson(q.department(), q.length(), q.oldestQueuedAt(), q.estimatedWaitForNew().toSeconds());
        }
    }

    @GetMapping("/queues")
    List<QueueJson> queues(@AuthenticationPrincipal AgentIdentity me) {
        Set<String> skills = agents.get(me.id()).skills();
        return routing.queues().stream().filter(q -> me.isAdmin() || skills.contains(q.department()))
                .map(QueueJson::of).toList();
    }

    static Presence presence(String value) {
        if (value != null) {
            for (Presence p : Presence.values()) {
                if (p.wire().equals(value)) {
                    return p;
                }
            }
        }
        throw new InvalidInput("status", "status must be online, away or offline");
    }

    private static ConversationStatus status(String value) {
        for (ConversationStatus s : ConversationStatus.values()) {
            if (s.wire().equals(value)) {
                return s;
            }
        }
        throw new InvalidInput("status", "status must be one of waiting, assigned, awaiting_user, "
                + "resolution_proposed, closed");
    }
}
