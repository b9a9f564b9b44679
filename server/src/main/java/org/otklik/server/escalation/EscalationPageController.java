package org.otklik.server.escalation;

import java.util.function.Supplier;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.shared.OtklikException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The workspace side: the conversation page loads the escalation panel from here (escalate, tag a feature request,
 * see and revoke shares), and the monthly feature-request summary page.
 */
@Controller
class EscalationPageController {

    private final Escalations escalations;
    private final FeatureRequests featureRequests;
    private final AgentManagement agents;

    EscalationPageController(Escalations escalations, FeatureRequests featureRequests, AgentManagement agents) {
        this.escalations = escalations;
        this.featureRequests = featureRequests;
        this.agents = agents;
    }

    @GetMapping("/workspace/conversations/{id}/escalation")
    String panel(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, Model model) {
        model.addAttribute("conversationId", id);
        model.addAttribute("me", me);
        model.addAttribute("escalations", escalations.ofConversation(me, id));
        model.addAttribute("featureRequest", featureRequests.of(me, id));
        return "escalation/panel :: panel";
    }

    @PostMapping("/workspace/conversations/{id}/escalations")
    String escalate(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, @RequestParam String to,
                    @RequestParam(required = false) String note,
                    @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        return act(me, id, htmx, model, () -> escalations.escalate(me, id, to, note));
    }

    @PostMapping("/workspace/conversations/{id}/feature-request")
    String tag(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
               @RequestParam(required = false) String topic,
               @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        return act(me, id, htmx, model, () -> featureRequests.tag(me, id, topic));
    }

    @PostMapping("/workspace/escalations/{escalationId}/revoke")
    String revoke(@AuthenticationPrincipal AgentIdentity me, @PathVariable long escalationId,
                  @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        long id = escalations.get(escalationId).conversationId();
        return act(me, id, htmx, model, () -> escalations.revoke(me, escalationId));
    }

    @GetMapping("/workspace/feature-requests")
    String summary(@AuthenticationPrincipal AgentIdentity me, @RequestParam(required = false) String month,
                   Model model) {
        model.addAttribute("me", agents.get(me.id()));
        try {
            model.addAttribute("summary", featureRequests.summary(EscalationApiController.month(month,
                    featureRequests)));
        } catch (OtklikException e) {
            model.addAttribute("error", e.getMessage());
            model.addAttribute("summary", featureRequests.summary(featureRequests.currentMonth()));
        }
        return "escalation/feature-requests";
    }

    /** Runs the action; htmx gets the panel again (saved or the refusal), a plain form post the page. */
    private String act(AgentIdentity me, long id, String htmx, Model model, Supplier<?> action) {
        try {
            action.get();
            model.addAttribute("saved", true);
        } catch (OtklikException e) {
            model.addAttribute("error", e.getMessage());
        }
        if (htmx == null) {
            return "redirect:/workspace?open=" + id;
        }
        return panel(me, id, model);
    }
}
