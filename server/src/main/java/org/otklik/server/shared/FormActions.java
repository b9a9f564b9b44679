package org.otklik.server.shared;

import java.util.function.Supplier;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The workspace's form posts: run the action, show «saved» or the refusal's message, go back to the page. */
public final class FormActions {

    private FormActions() {
    }

    public static String actThenShow(RedirectAttributes flash, Supplier<?> action, String page) {
        try {
            action.get();
            flash.addFlashAttribute("saved", true);
        } catch (OtklikException e) {
            flash.addFlashAttribute("error", e.getMessage());
        }
        return "redirect:" + page;
    }
}
