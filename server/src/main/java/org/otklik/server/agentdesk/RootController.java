package org.otklik.server.agentdesk;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class RootController {

    @GetMapping("/")
    String root() {
        return "redirect:/workspace";
    }
}
