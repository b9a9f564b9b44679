package org.otklik.server.agentdesk;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.otklik.engine.lifecycle.ConversationStatus;
import org.otklik.engine.routing.Presence;
import org.otklik.server.agent.Agent;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.cannedreply.CannedReplies;
import org.otklik.server.cannedreply.CannedReply;
import org.otklik.server.connector.Attachments;
import org.otklik.server.sla.SlaMonitor;
import org.otklik.server.connector.Outbox;
import org.otklik.server.conversation.ContactManagement;
import org.otklik.server.conversation.MessageView;
import org.otklik.server.conversation.ConversationFilter;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.department.Departments;
import org.otklik.server.routing.RoutingManagement;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.OtklikException;
import org.otklik.server.triage.Labels;
import org.otklik.server.triage.MessageLabels;
import org.otklik.server.triage.TriageManagement;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The agents' web workspace: inbox, queues and one conversation at a time, refreshed live. */
@Controller
@RequestMapping("/workspace")
class WorkspaceController {

    private final Outbox outbox;
    private final ContactManagement contacts;
    private final Attachments attachments;
    private final SlaMonitor slaMonitor;

    private final Desk desk;
    private final AgentManagement agents;
    private final ConversationManagement conversations;
    private final RoutingManagement routing;
    private final Departments departments;
    private final LiveUpdates live;
    private final InstantSource clock;
    private final TriageManagement triage;
    private final CannedReplies cannedReplies;

    WorkspaceController(Desk desk, AgentManagement agents, ConversationManagement conversations,
                        RoutingManagement routing, Departments departments, LiveUpdates live, InstantSource clock,
                        TriageManagement triage, CannedReplies cannedReplies, Outbox outbox,
                        ContactManagement contacts, Attachments attachments, SlaMonitor slaMonitor) {
        this.slaMonitor = slaMonitor;
        this.attachments = attachments;
        this.outbox = outbox;
        this.contacts = contacts;
        this.triage = triage;
        this.cannedReplies = cannedReplies;
        this.desk = desk;
        this.agents = agents;
        this.conversations = conversations;
        this.routing = routing;
        this.departments = departments;
        this.live = live;
        this.clock = clock;
    }

    @GetMapping("/login")
    String login() {
        return "workspace/login";
    }

    @GetMapping
    String index(@AuthenticationPrincipal AgentIdentity me, @RequestParam(required = false) Long open, Model model) {
        inbox(me, model);
        if (open != null) {
            pane(me, open, model);
        }
        return "workspace/index";
    }

    @GetMapping("/inbox")
    String inboxFragment(@AuthenticationPrincipal AgentIdentity me, Model model) {
        inbox(me, model);
        return "workspace/inbox :: inbox";
    }

    @GetMapping("/conversations/{id}")
    String conversation(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                        @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        if (htmx == null) {
            return index(me, id, model);
        }
        pane(me, id, model);
        return "workspace/conversation :: pane";
    }

    /** An attachment, downloaded (never shown inline). */
    @GetMapping("/attachments/{id}")
    ResponseEntity<byte[]> attachment(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id) {
        return AgentApiController.download(desk, attachments, me, id);
    }

    /** An agent merges a suggested contact (same e-mail or phone) into this conversation's person. */
    @PostMapping("/contacts/{id}/merge")
    String merge(@PathVariable long id, @RequestParam long contactId, @RequestParam long conversation) {
        contacts.merge(id, contactId);
        return "redirect:/workspace?open=" + conversation;
    }

        @GetMapping("/conversations/{id}/thread")
    String thread(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, Model model) {
        pane(me, id, model);
        return "workspace/conversation :: thread-update";
    }

    @PostMapping("/conversations/{id}/replies")
    String reply(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                 @RequestParam(required = false) String text, Model model) {
        try {
            desk.reply(me, id, text, null);
            model.addAttribute("cleared", true);
        } catch (OtklikException e) {
            model.addAttribute("error", e.getMessage());
        }
        pane(me, id, model);
        return "workspace/conversation :: thread-update";
    }

    @PostMapping("/conversations/{id}/resolution")
    String propose(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, Model model) {
        try {
            desk.proposeResolution(me, id);
        } catch (OtklikException e) {
            model.addAttribute("error", e.getMessage());
        }
        pane(me, id, model);
        return "workspace/conversation :: thread-update";
    }

    @GetMapping(value = "/conversations/{id}/canned/{replyId}", produces = MediaType.TEXT_PLAIN_VALUE)
    @ResponseBody
    String canned(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, @PathVariable long replyId) {
        return desk.renderCanned(me, desk.view(me, id), replyId);
    }

    @PostMapping("/presence")
    String presence(@AuthenticationPrincipal AgentIdentity me, @RequestParam String status,
                    @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        agents.changePresence(me.id(), AgentApiController.presence(status));
        routing.settle();
        if (htmx == null) {
            return "redirect:/workspace";
        }
        inbox(me, model);
        return "workspace/inbox :: inbox";
    }

    @GetMapping(value = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    @ResponseBody
    SseEmitter events() {
        return live.subscribe();
    }

    private void inbox(AgentIdentity me, Model model) {
        Agent agent = agents.get(me.id());
        model.addAttribute("me", agent);
        model.addAttribute("load", routing.agentLoad(me.id()).map(l -> l.activeChats()).orElse(0));
        model.addAttribute("presences", Presence.values());
        Map<String, String> names = departmentNames();
        model.addAttribute("departmentNames", names);

        List<ConversationJson> mine = desk.json(conversations.list(new ConversationFilter(null, null, null, me.id(),
                null, null, 200))).stream()
                .filter(c -> !c.status().equals("closed") && !c.status().equals("waiting"))
                .sorted(Comparator.comparingInt(WorkspaceController::urgency)
                        .thenComparing(ConversationJson::updatedAt)).toList();
        model.addAttribute("mine", mine);

        Set<String> visible = me.isAdmin() ? names.keySet() : agent.skills();
        Instant now = clock.instant();
        model.addAttribute("queues", routing.queues().stream().filter(q -> visible.contains(q.department()))
                .map(q -> new QueueView(q.department(), names.getOrDefault(q.department(), q.department()),
                        q.length(), minutesSince(q.oldestQueuedAt(), now),
                        Math.max(1, (q.estimatedWaitForNew().toSeconds() + 59) / 60)))
                .toList());
        // the queue by time left before the first-response target (the most urgent first), then by arrival
        Map<Long, Long> slaLeft = new HashMap<>();
        List<ConversationJson> waiting = desk.list(me, new ConversationFilter(ConversationStatus.WAITING, null, null,
                null, null, null, 50)).stream().peek(c -> slaMonitor.firstResponse(c.id())
                        .ifPresent(k -> slaLeft.put(c.id(), k.remaining().toMinutes())))
                .sorted(Comparator.comparing((ConversationJson c) -> slaLeft.getOrDefault(c.id(), Long.MAX_VALUE))
                        .thenComparing(ConversationJson::queuedAt)).toList();
        model.addAttribute("waiting", waiting);
        model.addAttribute("slaLeft", slaLeft);
        model.addAttribute("slaAlerts", slaMonitor.recent(me.isAdmin() ? null : agent.skills(),
                now.minus(java.time.Duration.ofDays(1)), 10).stream().filter(a -> a.kind().equals("breach")).toList());
        Map<Long, Long> waited = new HashMap<>();
        waiting.forEach(c -> waited.put(c.id(), minutesSince(c.queuedAt(), now)));
        model.addAttribute("waitedMinutes", waited);
        model.addAttribute("recent", desk.json(conversations.list(new ConversationFilter(ConversationStatus.CLOSED,
                null, null, null, Set.of(), me.id(), 10))));
    }

    private void pane(AgentIdentity me, long id, Model model) {
        ConversationView view = desk.view(me, id);
        ConversationJson json = desk.json(List.of(view)).get(0);
        model.addAttribute("c", json);
        List<MessageView> messages = conversations.messages(id, 0, 1000);
        model.addAttribute("items", ThreadItem.merge(messages, conversations.timeline(id)));
        model.addAttribute("deliveries", outbox.ofMessages(messages.stream().map(MessageView::id).toList()));
        Map<Long, List<Attachments.AttachmentView>> files = new HashMap<>();
        attachments.ofMessages(messages.stream().map(MessageView::id).toList()).forEach(a ->
                files.computeIfAbsent(a.messageId(), k -> new java.util.ArrayList<>()).add(a));
        model.addAttribute("files", files);
        model.addAttribute("person", contacts.get(view.contactId()));
        model.addAttribute("slaClocks", slaMonitor.clocks(id));
        model.addAttribute("mergeSuggestions", contacts.mergeSuggestions(view.contactId()));
        model.addAttribute("canAct", canAct(view, me));
        model.addAttribute("canned", desk.cannedRepliesFor(me).stream()
                .filter(r -> r.department() == null || r.department().equals(view.department())).toList());
        Map<Long, String> agentNames = new HashMap<>();
        agents.all().forEach(a -> agentNames.put(a.id(), a.displayName()));
        model.addAttribute("agentNames", agentNames);
        model.addAttribute("departmentNames", departmentNames());

        List<MessageLabels> labels = triage.labelsOfConversation(id);
        model.addAttribute("triage", labels.isEmpty() ? null : labels.get(0));
        model.addAttribute("kinds", Labels.KINDS);
        model.addAttribute("outages", Labels.OUTAGES);
        model.addAttribute("swearing", labels.stream().filter(l -> l.effective().profanity())
                .map(MessageLabels::messageId).collect(Collectors.toSet()));
        List<CannedReply> suggestions = new ArrayList<>();
        if (canAct(view, me)) {
            if (labels.stream().anyMatch(l -> l.effective().profanity())) {
                suggestions.addAll(cannedReplies.forPurpose("profanity", view.department()));
            }
            if (labels.stream().anyMatch(l -> l.effective().shouldMoveToPrivate())) {
                suggestions.addAll(cannedReplies.forPurpose("move_to_private", view.department()));
            }
        }
        model.addAttribute("suggestions", suggestions);
    }

    private static boolean canAct(ConversationView view, AgentIdentity me) {
        return view.assigneeId() != null && view.assigneeId() == me.id() && view.status().occupiesAgent();
    }

    /** An agent corrects what triage read the first message as. */
    @PostMapping("/messages/{messageId}/triage")
    String correctTriage(@AuthenticationPrincipal AgentIdentity me, @PathVariable long messageId,
                         @RequestParam String kind, @RequestParam(required = false) String department,
                         @RequestParam(required = false) String outage,
                         @RequestParam(name = "private", defaultValue = "false") boolean isPrivate,
                         @RequestParam(defaultValue = "false") boolean profanity, @RequestParam String lang,
                         Model model) {
        MessageLabels current = triage.labels(messageId)
                .orElseThrow(() -> new NotFound("message " + messageId + " was not triaged"));
        desk.view(me, current.conversationId());
        try {
            triage.correct(messageId, new Labels(kind, "problem".equals(kind) ? blankToNull(department) : null,
                    isPrivate, profanity, blankToNull(outage), lang, current.predicted().translit(), Map.of(),
                    current.predicted().source()), me.id());
        } catch (OtklikException e) {
            model.addAttribute("error", e.getMessage());
        }
        pane(me, current.conversationId(), model);
        return "workspace/conversation :: thread-update";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private Map<String, String> departmentNames() {
        Map<String, String> names = new LinkedHashMap<>();
        departments.all().forEach(d -> names.put(d.code(), d.name()));
        return names;
    }

    /** The agent's move first, then what waits on the user. */
    private static int urgency(ConversationJson c) {
        return switch (c.status()) {
            case "assigned" -> 0;
            case "awaiting_user" -> 1;
            default -> 2;
        };
    }

    static long minutesSince(Instant from, Instant now) {
        return from == null ? 0 : Math.max(0, Duration.between(from, now).toMinutes());
    }
}
