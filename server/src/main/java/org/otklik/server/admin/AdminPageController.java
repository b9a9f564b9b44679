package org.otklik.server.admin;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.otklik.server.agent.AgentChanges;
import org.otklik.server.agent.AgentIdentity;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.agent.NewAgent;
import org.otklik.server.agent.Role;
import org.otklik.server.cannedreply.CannedReplies;
import org.otklik.server.channel.ChannelManagement;
import org.otklik.server.channel.ChannelType;
import org.otklik.server.channel.CreatedChannel;
import org.otklik.server.department.Departments;
import org.otklik.server.shared.FormActions;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The admin page: agents with skills and caps, canned replies, channels and departments. */
@Controller
@RequestMapping("/workspace/admin")
class AdminPageController {

    private final AgentManagement agents;
    private final CannedReplies cannedReplies;
    private final ChannelManagement channels;
    private final Departments departments;

    AdminPageController(AgentManagement agents, CannedReplies cannedReplies, ChannelManagement channels,
                        Departments departments) {
        this.agents = agents;
        this.cannedReplies = cannedReplies;
        this.channels = channels;
        this.departments = departments;
    }

    @GetMapping
    String page(@AuthenticationPrincipal AgentIdentity me, Model model) {
        model.addAttribute("me", agents.get(me.id()));
        model.addAttribute("agents", agents.all());
        model.addAttribute("departments", departments.all());
        model.addAttribute("cannedReplies", cannedReplies.all());
        model.addAttribute("channels", channels.all());
        model.addAttribute("baseUrl", ServletUriComponentsBuilder.fromCurrentContextPath().toUriString());
        return "admin/index";
    }

    @PostMapping("/agents")
    String createAgent(@RequestParam String login, @RequestParam String displayName, @RequestParam String password,
                       @RequestParam String role, @RequestParam(required = false) List<String> skills,
                       @RequestParam Integer maxChats, RedirectAttributes flash) {
        return act(flash, () -> agents.create(new NewAgent(login, displayName, password, Role.parse(role, "role"),
                skills == null ? Set.of() : Set.copyOf(skills), maxChats)));
    }

    @PostMapping("/agents/{id}")
    String updateAgent(@PathVariable long id, @RequestParam String displayName, @RequestParam String role,
                       @RequestParam(required = false) List<String> skills, @RequestParam Integer maxChats,
                       @RequestParam(required = false) String password, RedirectAttributes flash) {
        return act(flash, () -> agents.update(id, new AgentChanges(displayName,
                password == null || password.isEmpty() ? null : password, Role.parse(role, "role"),
                skills == null ? Set.of() : Set.copyOf(skills), maxChats)));
    }

    @PostMapping("/canned")
    String createCanned(@RequestParam String title, @RequestParam String body,
                        @RequestParam(required = false) String department, RedirectAttributes flash) {
        return act(flash, () -> cannedReplies.create(title, body, department));
    }

    @PostMapping("/canned/{id}")
    String updateCanned(@PathVariable long id, @RequestParam String title, @RequestParam String body,
                        @RequestParam(required = false) String department, RedirectAttributes flash) {
        return act(flash, () -> cannedReplies.update(id, title, body, department));
    }

    @PostMapping("/canned/{id}/delete")
    String deleteCanned(@PathVariable long id, RedirectAttributes flash) {
        return act(flash, () -> {
            cannedReplies.delete(id);
            return id;
        });
    }

    @PostMapping("/channels")
    String createChannel(@RequestParam String type, @RequestParam String name,
                         @RequestParam String defaultDepartment, @RequestParam(required = false) String settings,
                         RedirectAttributes flash) {
        return act(flash, () -> {
            CreatedChannel created = channels.create(null, ChannelType.parse(type, "type"), name, defaultDepartment,
                    true, settingLines(settings));
            flash.addFlashAttribute("newToken", created.token());
            flash.addFlashAttribute("newChannel", created.channel().id());
            return created;
        });
    }

    @PostMapping("/departments")
    String createDepartment(@RequestParam String code, @RequestParam String name, RedirectAttributes flash) {
        return act(flash, () -> departments.create(code, name));
    }

    /** «name=value» lines, as typed in the channel form. */
    private static java.util.Map<String, String> settingLines(String text) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (text != null) {
            for (String line : text.split("\\R")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    out.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
        }
        return out;
    }

    private static String act(RedirectAttributes flash, Supplier<?> action) {
        return FormActions.actThenShow(flash, action, "/workspace/admin");
    }
}
