package org.otklik.server.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.otklik.server.agent.Agent;
import org.otklik.server.agent.AgentChanges;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.agent.NewAgent;
import org.otklik.server.agent.Role;
import org.otklik.server.cannedreply.CannedReplies;
import org.otklik.server.cannedreply.CannedReply;
import org.otklik.server.channel.Channel;
import org.otklik.server.channel.ChannelManagement;
import org.otklik.server.channel.ChannelType;
import org.otklik.server.channel.CreatedChannel;
import org.otklik.server.connector.Connectors;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.department.Department;
import org.otklik.server.department.Departments;
import org.otklik.server.shared.NotFound;
import org.otklik.server.shared.InvalidInput;
import org.otklik.server.shared.Require;
import org.otklik.server.triage.TriageManagement;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The admin REST API ({@code /api/v1/admin/**}, admin tokens only). */
@RestController
@RequestMapping("/api/v1/admin")
class AdminApiController {

    private final AgentManagement agents;
    private final CannedReplies cannedReplies;
    private final ChannelManagement channels;
    private final Connectors connectors;
    private final Departments departments;
    private final ConversationManagement conversations;
    private final TriageManagement triage;

    AdminApiController(AgentManagement agents, CannedReplies cannedReplies, ChannelManagement channels,
                       Connectors connectors, Departments departments, ConversationManagement conversations,
                       TriageManagement triage) {
        this.connectors = connectors;
        this.triage = triage;
        this.agents = agents;
        this.cannedReplies = cannedReplies;
        this.channels = channels;
        this.departments = departments;
        this.conversations = conversations;
    }

    record AgentJson(long id, String login, String displayName, String role, Set<String> skills, int maxChats,
                     String status, Instant createdAt) {
        static AgentJson of(Agent a) {
            return new AgentJson(a.id(), a.login(), a.displayName(), a.role().wire(), a.skills(), a.maxChats(),
                    a.presence().wire(), a.createdAt());
        }
    }

    record AgentRequest(String login, String displayName, String password, String role, Set<String> skills,
                        Integer maxChats) {
    }

    @GetMapping("/agents")
    List<AgentJson> agents() {
        return agents.all().stream().map(AgentJson::of).toList();
    }

    @PostMapping("/agents")
    ResponseEntity<AgentJson> createAgent(@RequestBody AgentRequest request) {
        Role role = request.role() == null ? Role.AGENT : Role.parse(request.role(), "role");
        Agent agent = agents.create(new NewAgent(request.login(), request.displayName(), request.password(), role,
                request.skills(), request.maxChats()));
        return ResponseEntity.status(HttpStatus.CREATED).body(AgentJson.of(agent));
    }

    @PutMapping("/agents/{id}")
    AgentJson updateAgent(@PathVariable long id, @RequestBody AgentRequest request) {
        Role role = request.role() == null ? null : Role.parse(request.role(), "role");
        return AgentJson.of(agents.update(id, new AgentChanges(request.displayName(), request.password(), role,
                request.skills(), request.maxChats())));
    }

    record CannedReplyRequest(String title, String body, String department, String purpose) {
    }

    @GetMapping("/canned-replies")
    List<CannedReply> cannedReplies() {
        return cannedReplies.all();
    }

    @PostMapping("/canned-replies")
    ResponseEntity<CannedReply> createCannedReply(@RequestBody CannedReplyRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(cannedReplies.create(request.title(), request.body(), request.department(), request.purpose()));
    }

    @PutMapping("/canned-replies/{id}")
    CannedReply updateCannedReply(@PathVariable long id, @RequestBody CannedReplyRequest request) {
        return cannedReplies.update(id, request.title(), request.body(), request.department(), request.purpose());
    }

    @DeleteMapping("/canned-replies/{id}")
    ResponseEntity<Void> deleteCannedReply(@PathVariable long id) {
        cannedReplies.delete(id);
        return ResponseEntity.noContent().build();
    }

    /**
     * A channel. {@code token} (the REST token) is present only in the answer to creation, the one time it is known
     * in clear; so is an OK channel's webhook URL with its secret. Platform settings are shown with secrets masked.
     */
    record ChannelJson(String id, String type, String name, String defaultDepartment, boolean departmentFromTriage,
                       String webhookUrl, String widgetUrl, String token, Map<String, String> settings,
                       String webhookRegistration, Instant createdAt) {
    }

    private ChannelJson json(Channel c, String token, String registration) {
        String base = ServletUriComponentsBuilder.fromCurrentContextPath().toUriString();
        String webhook = c.type() == ChannelType.API ? base + "/api/v1/inbound"
                : connectors.webhookPath(c, token != null).map(path -> base + path).orElse(null);
        return new ChannelJson(c.id(), c.type().wire(), c.name(), c.defaultDepartment(), c.departmentFromTriage(),
                webhook, c.widgetKey() == null ? null : base + "/widget/" + c.widgetKey(), token,
                channels.maskedSettings(c.id()), registration, c.createdAt());
    }

    @GetMapping("/channels")
    List<ChannelJson> channels() {
        return channels.all().stream().map(c -> json(c, null, null)).toList();
    }

    /** {@code {"type", "name", "defaultDepartment", "departmentFromTriage", "id", ...platform settings...}} */
    @PostMapping("/channels")
    ResponseEntity<ChannelJson> createChannel(@RequestBody Map<String, Object> request) {
        ChannelType type = ChannelType.parse(Require.text(string(request, "type"), "type", 20), "type");
        Object fromTriage = request.get("departmentFromTriage");
        if (fromTriage != null && !(fromTriage instanceof Boolean)) {
            throw new InvalidInput("departmentFromTriage", "departmentFromTriage must be true or false");
        }
        CreatedChannel created = channels.create(string(request, "id"), type, string(request, "name"),
                string(request, "defaultDepartment"), fromTriage == null || (Boolean) fromTriage, request);
        String registration = connectors.registerWebhook(created.channel());
        return ResponseEntity.status(HttpStatus.CREATED).body(json(created.channel(), created.token(), registration));
    }

    private static String string(Map<String, Object> request, String field) {
        Object value = request.get(field);
        if (value != null && !(value instanceof String)) {
            throw new InvalidInput(field, field + " must be a string");
        }
        return (String) value;
    }

    record ContactRequest(Boolean vip) {
    }

    record ContactJson(long id, boolean vip) {
    }

    /** Marks a contact VIP (or not): their new conversations queue ahead of others by the VIP head start. */
    @PutMapping("/contacts/{id}")
    ContactJson updateContact(@PathVariable long id, @RequestBody ContactRequest request) {
        boolean vip = Require.present(request.vip(), "vip");
        if (!conversations.setContactVip(id, vip)) {
            throw new NotFound("no contact " + id);
        }
        return new ContactJson(id, vip);
    }

    /** Agents' triage corrections as labelled JSONL (the format of data/triage-sample.jsonl), to train on. */
    @GetMapping(value = "/triage/corrections", produces = "application/x-ndjson")
    String triageCorrections() {
        StringBuilder out = new StringBuilder();
        for (Map<String, Object> row : triage.corrections()) {
            out.append(JSON.writeValueAsString(row)).append('\n');
        }
        return out.toString();
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    record DepartmentRequest(String code, String name) {
    }

    @PostMapping("/departments")
    ResponseEntity<Department> createDepartment(@RequestBody DepartmentRequest request) {
        return ResponseEntity.status(HttpStatus.CREATED).body(departments.create(request.code(), request.name()));
    }
}
