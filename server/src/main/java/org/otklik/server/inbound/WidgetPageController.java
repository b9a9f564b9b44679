package org.otklik.server.inbound;

import org.otklik.server.channel.Channel;
import org.otklik.server.channel.ChannelManagement;
import org.otklik.server.shared.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseStatus;

/** The chat page a site shows in the widget's frame (also usable on its own, e.g. as a link from an email). */
@Controller
class WidgetPageController {

    private final ChannelManagement channels;

    WidgetPageController(ChannelManagement channels) {
        this.channels = channels;
    }

    @GetMapping("/widget/{widgetKey}")
    String chat(@PathVariable String widgetKey, Model model) {
        Channel channel = channels.findByWidgetKey(widgetKey)
                .orElseThrow(() -> new NotFound("no widget " + widgetKey));
        model.addAttribute("widgetKey", widgetKey);
        model.addAttribute("channelName", channel.name());
        return "widget/chat";
    }

    @ExceptionHandler(NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound() {
        return "widget/not-found";
    }
}
