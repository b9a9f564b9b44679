package org.otklik.server.reports;

import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.reports.internal.Rollups;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Reports in the workspace: a period's KPIs with charts (volume by hour, first-response distribution, CSAT by day),
 * tables by department, channel and agent with CSV export, printable as it is; and the leads' cockpit.
 */
@Controller
class ReportsPageController {

    /** One bar of a chart, laid out for an SVG 600 x 160. */
    record Bar(String label, long value, double x, double width, double height, String title) {
    }

    private static final double CHART_WIDTH = 600;
    private static final double CHART_HEIGHT = 140;

    private final ReportQueries queries;
    private final Cockpit cockpit;
    private final AgentManagement agents;
    private final ReportsProperties properties;
    private final InstantSource clock;

    ReportsPageController(JdbcClient jdbc, Cockpit cockpit, AgentManagement agents, ReportsProperties properties,
                          InstantSource clock) {
        this.queries = new ReportQueries(jdbc, properties.zone());
        this.cockpit = cockpit;
        this.agents = agents;
        this.properties = properties;
        this.clock = clock;
    }

    @GetMapping("/workspace/reports")
    String page(@AuthenticationPrincipal AgentIdentity me, @RequestParam(required = false) String from,
                @RequestParam(required = false) String to, Model model) {
        LocalDate today = clock.instant().atZone(properties.zone()).toLocalDate();
        LocalDate last = to == null || to.isBlank() ? today : ReportsApiController.date(to, "to");
        LocalDate first = from == null || from.isBlank() ? last.minusDays(29) : ReportsApiController.date(from, "from");
        ReportsApiController.requireReportPeriod(first, last);
        // the same content the PDF shows, read once
        ReportPdf.Content content = ReportPdf.of(queries, "", first, last);
        model.addAttribute("me", agents.get(me.id()));
        model.addAttribute("from", first);
        model.addAttribute("to", last);
        model.addAttribute("period", content.period());
        model.addAttribute("byAgent", content.byAgent());
        List<String> hourLabels = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hourLabels.add(Integer.toString(h));
        }
        model.addAttribute("volumeByHour", bars(hourLabels, content.receivedByHour(), " conversations"));
        List<String> bucketLabels = new ArrayList<>();
        for (int i = 0; i <= Rollups.FRT_BOUNDS.length; i++) {
            bucketLabels.add(i < Rollups.FRT_BOUNDS.length ? "≤" + duration(Rollups.FRT_BOUNDS[i])
                    : ">" + duration(Rollups.FRT_BOUNDS[i - 1]));
        }
        model.addAttribute("frtDistribution", bars(bucketLabels, content.frtBuckets(), " first responses"));
        model.addAttribute("csatByDay", bars(content.csatDays(), content.csatPercentByDay(), "% rated 4-5"));
        return "reports/index";
    }

    @GetMapping(value = "/workspace/reports.csv")
    ResponseEntity<String> csv(@RequestParam String from, @RequestParam String to,
                               @RequestParam(defaultValue = "department") String by) {
        List<Map<String, Object>> rows = queries.kpis(ReportsApiController.date(from, "from"),
                ReportsApiController.date(to, "to"), by);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"otklik-" + by + "-" + from + "-" + to + ".csv\"")
                .body(ReportQueries.csv(rows));
    }

    @GetMapping(value = "/workspace/reports.pdf")
    ResponseEntity<byte[]> pdf(@RequestParam String from, @RequestParam String to) {
        return ReportsApiController.pdf(queries, ReportsApiController.date(from, "from"),
                ReportsApiController.date(to, "to"));
    }

    @GetMapping("/workspace/cockpit")
    String cockpit(@AuthenticationPrincipal AgentIdentity me, Model model) {
        model.addAttribute("me", agents.get(me.id()));
        model.addAttribute("c", cockpit.now());
        return "reports/cockpit";
    }

    static List<Bar> bars(List<String> labels, long[] values, String unit) {
        long max = 1;
        for (long v : values) {
            max = Math.max(max, v);
        }
        List<Bar> out = new ArrayList<>();
        double width = CHART_WIDTH / Math.max(1, values.length);
        for (int i = 0; i < values.length; i++) {
            out.add(new Bar(labels.get(i), values[i], i * width, Math.max(1, width - 2),
                    CHART_HEIGHT * values[i] / max, labels.get(i) + ": " + values[i] + unit));
        }
        return out;
    }

    private static String duration(int seconds) {
        return seconds < 60 ? seconds + "s" : seconds < 3600 ? seconds / 60 + "m" : seconds / 3600 + "h";
    }
}
