package org.otklik.server.escalation;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The read-only page behind a share link, without sign-in: the link's token is the key. Nothing on it acts (no
 * forms, no links), nothing is kept by caches or indexed; an unknown, expired or revoked link is a plain 404.
 */
@Controller
class SharedPageController {

    private final Escalations escalations;

    SharedPageController(Escalations escalations) {
        this.escalations = escalations;
    }

    @GetMapping("/shared/{token}")
    String shared(@PathVariable String token, Model model, HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
        return escalations.shared(token).map(s -> {
            model.addAttribute("s", s);
            return "escalation/shared";
        }).orElseGet(() -> {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            return "escalation/shared-gone";
        });
    }
}
