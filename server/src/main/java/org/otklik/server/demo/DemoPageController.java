package org.otklik.server.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** A pretend brand site with the web chat embedded, to try the widget as a user would. */
@Controller
@ConditionalOnProperty(name = "otklik.demo.enabled", havingValue = "true")
class DemoPageController {

    private final DemoSeeder seeder;

    DemoPageController(DemoSeeder seeder) {
        this.seeder = seeder;
    }

    @GetMapping("/demo")
    String site(Model model) {
        model.addAttribute("widgetKey", seeder.widgetKey());
        return "demo/site";
    }
}
