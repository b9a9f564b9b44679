package org.otklik.server.recovery;

import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.shared.FormActions;
import org.otklik.server.shared.OtklikException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The workspace's access-recovery pages: the cases list, a case reviewed side by side (the user's photos against
 * the profile's, fraud signals, the audit trail, the decision), and the profile panel of a conversation's pane.
 */
@Controller
class RecoveryPageController {

    private final AccessRecovery recovery;
    private final AgentManagement agents;

    RecoveryPageController(AccessRecovery recovery, AgentManagement agents) {
        this.recovery = recovery;
        this.agents = agents;
    }

    @GetMapping("/workspace/recovery")
    String cases(@AuthenticationPrincipal AgentIdentity me, Model model) {
        model.addAttribute("me", agents.get(me.id()));
        model.addAttribute("awaiting", recovery.list(me, AccessRecovery.AWAITING, 200));
        model.addAttribute("decided", recovery.list(me, null, 50).stream()
                .filter(c -> !c.status().equals(AccessRecovery.AWAITING)).toList());
        return "recovery/cases";
    }

    @GetMapping("/workspace/recovery/{id}")
    String review(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, Model model) {
        model.addAttribute("me", agents.get(me.id()));
        AccessRecovery.Review review = recovery.review(me, id);
        model.addAttribute("r", review);
        model.addAttribute("profilePhotos", java.util.stream.IntStream.range(0, review.profile().photos()).boxed()
                .toList());
        return "recovery/case";
    }

    @GetMapping("/workspace/recovery/{id}/profile-photos/{position}")
    ResponseEntity<byte[]> profilePhoto(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                                        @PathVariable int position) {
        return image(recovery.profilePhoto(me, id, position));
    }

    @PostMapping("/workspace/recovery/{id}/decision")
    String decide(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, @RequestParam String decision,
                  @RequestParam(required = false) String reason, RedirectAttributes flash) {
        return FormActions.actThenShow(flash, () -> recovery.decide(me, id, decision, reason),
                "/workspace/recovery/" + id);
    }

    /** The pane's profile panel (loaded by htmx): facts with never-reveal ones marked, recovery and link forms. */
    @GetMapping("/workspace/conversations/{id}/profile-panel")
    String panel(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, Model model) {
        model.addAttribute("conversationId", id);
        model.addAttribute("profile", recovery.profileOf(me, id).orElse(null));
        model.addAttribute("cases", recovery.casesOf(me, id));
        return "recovery/panel :: panel";
    }

    @PostMapping("/workspace/conversations/{id}/recovery")
    String open(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, @RequestParam String profileId,
                RedirectAttributes flash) {
        try {
            return "redirect:/workspace/recovery/" + recovery.open(me, id, profileId).id();
        } catch (OtklikException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/workspace/recovery";
        }
    }

    @PostMapping("/workspace/conversations/{id}/profile")
    String link(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, @RequestParam String profileId,
                RedirectAttributes flash) {
        try {
            recovery.link(me, id, profileId);
        } catch (OtklikException e) {
            flash.addFlashAttribute("error", e.getMessage());
            return "redirect:/workspace/recovery";
        }
        return "redirect:/workspace?open=" + id;
    }

    /** A photo shown inline to agents: its checked image type, nosniff, and a sandbox for anything else. */
    static ResponseEntity<byte[]> image(Profiles.Photo photo) {
        return ResponseEntity.ok()
                .header("Content-Type", photo.contentType())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .header("Cache-Control", "private, no-store")
                .body(photo.data());
    }
}
