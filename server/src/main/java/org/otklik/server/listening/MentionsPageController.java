package org.otklik.server.listening;

import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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

/**
 * The mentions inbox in the workspace: the actionable mentions first, each with its streams and labels and the four
 * ways to handle it; context mentions and praise collapsed and counted; today's processed share; the digests; and,
 * for admins, the streams.
 */
@Controller
class MentionsPageController {

    static final List<String> ACTIONABLE_KINDS = List.of("problem", "negative_action");

    private final MentionManagement mentions;
    private final StreamManagement streams;
    private final MentionDigests digests;
    private final AgentManagement agents;
    private final ListeningProperties properties;
    private final InstantSource clock;

    MentionsPageController(MentionManagement mentions, StreamManagement streams, MentionDigests digests,
                           AgentManagement agents, ListeningProperties properties, InstantSource clock) {
        this.clock = clock;
        this.mentions = mentions;
        this.streams = streams;
        this.digests = digests;
        this.agents = agents;
        this.properties = properties;
    }

    @GetMapping("/workspace/mentions")
    String page(@AuthenticationPrincipal AgentIdentity me, @RequestParam(required = false) String stream,
                Model model) {
        String selected = stream == null || stream.isBlank() ? null : stream;
        List<MentionView> open = mentions.list(selected, "new", true, 200);
        List<MentionView> rest = mentions.list(selected, "new", false, 200);
        List<MentionView> handled = mentions.list(selected, null, null, 300).stream()
                .filter(m -> !m.isOpen()).limit(30).toList();
        LocalDate today = clock.instant().atZone(properties.zone()).toLocalDate();
        model.addAttribute("me", agents.get(me.id()));
        model.addAttribute("streams", streams.all());
        model.addAttribute("selected", selected);
        model.addAttribute("open", open);
        model.addAttribute("rest", rest);
        model.addAttribute("context", rest.stream().filter(m -> m.kind().equals("context")).toList());
        model.addAttribute("others", rest.stream().filter(m -> !m.kind().equals("context")).toList());
        model.addAttribute("handled", handled);
        model.addAttribute("kpi", todaysShare(today, selected));
        return "workspace/mentions";
    }

    /** Today's processed share: of all streams, or of the selected one. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> todaysShare(LocalDate today, String stream) {
        Map<String, Object> all = mentions.processedShare(today, today);
        if (stream == null) {
            return (Map<String, Object>) all.get("total");
        }
        return ((List<Map<String, Object>>) all.get("streams")).stream()
                .filter(row -> stream.equals(row.get("stream"))).findFirst()
                .orElse(Map.of("actionable", 0, "processed", 0));
    }

    @PostMapping("/workspace/mentions/{id}/reply")
    String reply(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, @RequestParam String text,
                 RedirectAttributes flash) {
        return act(flash, () -> mentions.reply(id, text, me.id()));
    }

    @PostMapping("/workspace/mentions/{id}/move-to-private")
    String move(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id,
                @RequestParam(required = false) String publicText, RedirectAttributes flash) {
        return act(flash, () -> mentions.moveToPrivate(id, publicText, me.id()));
    }

    @PostMapping("/workspace/mentions/{id}/conversation")
    String convert(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, RedirectAttributes flash) {
        return act(flash, () -> mentions.convert(id, me.id()));
    }

    @PostMapping("/workspace/mentions/{id}/close")
    String close(@AuthenticationPrincipal AgentIdentity me, @PathVariable long id, @RequestParam String reason,
                 RedirectAttributes flash) {
        return act(flash, () -> mentions.close(id, reason, me.id()));
    }

    @GetMapping("/workspace/mentions/digests")
    String digests(@AuthenticationPrincipal AgentIdentity me, Model model) {
        model.addAttribute("me", agents.get(me.id()));
        model.addAttribute("digests", digests.recent(20));
        model.addAttribute("zone", properties.zone());
        return "workspace/digests";
    }

    @GetMapping("/workspace/admin/streams")
    String streamsPage(@AuthenticationPrincipal AgentIdentity me, Model model) {
        model.addAttribute("me", agents.get(me.id()));
        model.addAttribute("streams", streams.all());
        model.addAttribute("newline", "\n");
        return "admin/streams";
    }

    @PostMapping("/workspace/admin/streams")
    String createStream(@RequestParam String id, @RequestParam(required = false) String name,
                        @RequestParam String terms, @RequestParam(required = false) String exclude,
                        RedirectAttributes flash) {
        return actOnStreams(flash, () -> streams.create(id, name, lines(terms), lines(exclude)));
    }

    @PostMapping("/workspace/admin/streams/{id}")
    String updateStream(@PathVariable String id, @RequestParam(required = false) String name,
                        @RequestParam String terms, @RequestParam(required = false) String exclude,
                        RedirectAttributes flash) {
        return actOnStreams(flash, () -> streams.update(id, name, lines(terms), lines(exclude)));
    }

    @PostMapping("/workspace/admin/streams/{id}/delete")
    String deleteStream(@PathVariable String id, RedirectAttributes flash) {
        return actOnStreams(flash, () -> {
            streams.delete(id);
            return null;
        });
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("\\R")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    private static String act(RedirectAttributes flash, Supplier<?> action) {
        return FormActions.actThenShow(flash, action, "/workspace/mentions");
    }

    private static String actOnStreams(RedirectAttributes flash, Supplier<?> action) {
        return FormActions.actThenShow(flash, action, "/workspace/admin/streams");
    }
}
