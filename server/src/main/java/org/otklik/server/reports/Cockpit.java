package org.otklik.server.reports;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.otklik.engine.lifecycle.ConversationStatus;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.conversation.ConversationFilter;
import org.otklik.server.conversation.ConversationManagement;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.routing.RoutingManagement;
import org.otklik.server.sla.SlaClock;
import org.otklik.server.sla.SlaPolicies;
import org.otklik.server.sla.SlaProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * The leads' cockpit: queues and their waits (routing's live state), agents online and their load, conversations
 * whose first response is at risk (due within {@code otklik.sla.warn-before}) or breached, and today's KPIs from the
 * rollups.
 */
@Service
public class Cockpit {

    private final RoutingManagement routing;
    private final AgentManagement agents;
    private final ConversationManagement conversations;
    private final SlaPolicies sla;
    private final SlaProperties slaProperties;
    private final ReportsProperties properties;
    private final ReportQueries queries;
    private final InstantSource clock;

    Cockpit(RoutingManagement routing, AgentManagement agents, ConversationManagement conversations,
            SlaPolicies sla, SlaProperties slaProperties, ReportsProperties properties,
            JdbcClient jdbc, InstantSource clock) {
        this.routing = routing;
        this.agents = agents;
        this.conversations = conversations;
        this.sla = sla;
        this.slaProperties = slaProperties;
        this.properties = properties;
        this.queries = new ReportQueries(jdbc, properties.zone());
        this.clock = clock;
    }

    public Map<String, Object> now() {
        Instant now = clock.instant();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("at", now.toString());
        List<Map<String, Object>> queues = new ArrayList<>();
        routing.queues().forEach(q -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("department", q.department());
            row.put("waiting", q.length());
            row.put("oldestQueuedAt", q.oldestQueuedAt() == null ? null : q.oldestQueuedAt().toString());
            row.put("estimatedWaitSeconds", q.estimatedWaitForNew().toSeconds());
            queues.add(row);
        });
        out.put("queues", queues);
        List<Map<String, Object>> online = new ArrayList<>();
        agents.all().stream().filter(a -> a.presence().wire().equals("online")).forEach(a -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("login", a.login());
            row.put("load", routing.agentLoad(a.id()).map(l -> l.activeChats()).orElse(0));
            row.put("maxChats", a.maxChats());
            online.add(row);
        });
        out.put("agentsOnline", online);
        List<Map<String, Object>> atRisk = new ArrayList<>();
        for (ConversationView c : conversations.list(new ConversationFilter(ConversationStatus.WAITING, null, null,
                null, null, null, 500))) {
            for (SlaClock k : sla.clocks(c, List.of(), now)) {
                if (k.metric().equals("first_response") && k.dueAt() != null
                        && !k.dueAt().isAfter(now.plus(slaProperties.warnBefore()))) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("conversationId", c.id());
                    row.put("department", c.department());
                    row.put("state", k.state());
                    row.put("remainingSeconds", k.remainingSeconds());
                    atRisk.add(row);
                }
            }
        }
        atRisk.sort((a, b) -> Long.compare((Long) a.get("remainingSeconds"), (Long) b.get("remainingSeconds")));
        out.put("slaAtRisk", atRisk);
        LocalDate today = now.atZone(properties.zone()).toLocalDate();
        out.put("today", queries.kpis(today, today, "total").stream().findFirst().orElse(Map.of()));
        out.put("todayByDepartment", queries.kpis(today, today, "department"));
        return out;
    }
}
