package org.otklik.server.moderation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.otklik.server.agent.Agent;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.shared.FormActions;
import org.otklik.server.shared.NotAllowed;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The moderation queue in the workspace: the pending applications oldest first, one of them open with its text and
 * links, Approve, and Reject with a reason whose text (as it will be sent) is shown before sending.
 */
@Controller
class ModerationPageController {

    private static final String PAGE = "/workspace/moderation";

    private final AdModeration moderation;
    private final RejectionReasons reasons;

    ModerationPageController(AdModeration moderation, RejectionReasons reasons) {
        this.moderation = moderation;
        this.reasons = reasons;
    }

    @GetMapping(PAGE)
    String page(@AuthenticationPrincipal AgentIdentity me, @RequestParam(required = false) Long id, Model model) {
        Agent agent = moderator(me);
        List<AdApplication> queue = moderation.queue(200);
        AdApplication open = id != null ? moderation.get(id) : queue.isEmpty() ? null : queue.getFirst();
        model.addAttribute("me", agent);
        model.addAttribute("queue", queue);
        model.addAttribute("open", open);
        if (open != null) {
            moderation.viewed(open.id(), me.id());
            Map<String, String> previews = new LinkedHashMap<>();
            reasons.active().forEach(r -> previews.put(r.key(), ReasonText.render(r.text(), open, null)));
            model.addAttribute("reasons", reasons.active());
            model.addAttribute("previews", previews);
        }
        return "moderation/index";
    }

    @PostMapping(PAGE + "/{id}/approve")
    String approve(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, RedirectAttributes flash) {
        moderator(me);
        return act(flash, () -> moderation.decide(id, "approve", null, null, me.id()));
    }

    @PostMapping(PAGE + "/{id}/reject")
    String reject(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                  @RequestParam(required = false) String reason, @RequestParam(required = false) String comment,
                  RedirectAttributes flash) {
        moderator(me);
        return act(flash, () -> moderation.decide(id, "reject", reason, comment, me.id()));
    }

    private Agent moderator(AgentIdentity me) {
        try {
            return moderation.requireModerator(me.id());
        } catch (NotAllowed e) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, e.getMessage());
        }
    }

    private static String act(RedirectAttributes flash, Supplier<?> action) {
        return FormActions.actThenShow(flash, action, PAGE);
    }
}
