package org.otklik.server.incidents;

import java.util.function.Supplier;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.shared.FormActions;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Incidents in the workspace: the open one with its report, the status answer and the follow-up; the recent ones. */
@Controller
class IncidentsPageController {

    private final Incidents incidents;
    private final AgentManagement agents;

    IncidentsPageController(Incidents incidents, AgentManagement agents) {
        this.incidents = incidents;
        this.agents = agents;
    }

    @GetMapping("/workspace/incidents")
    String page(@AuthenticationPrincipal AgentIdentity me, Model model) {
        model.addAttribute("me", agents.get(me.id()));
        model.addAttribute("incidents", incidents.recent(20));
        return "incidents/index";
    }

    @PostMapping("/workspace/incidents")
    String open(@AuthenticationPrincipal AgentIdentity me, @RequestParam String title, RedirectAttributes flash) {
        return act(flash, () -> incidents.open(title, "lead", me.id()));
    }

    @PostMapping("/workspace/incidents/{id}/status")
    String status(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, @RequestParam String text,
                  RedirectAttributes flash) {
        return act(flash, () -> incidents.status(id, text, me.id()));
    }

    @PostMapping("/workspace/incidents/{id}/resolve")
    String resolve(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, @RequestParam String text,
                   RedirectAttributes flash) {
        return act(flash, () -> incidents.resolve(id, text, me.id()));
    }

    private static String act(RedirectAttributes flash, Supplier<?> action) {
        return FormActions.actThenShow(flash, action, "/workspace/incidents");
    }
}
