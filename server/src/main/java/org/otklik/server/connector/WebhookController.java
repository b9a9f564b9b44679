package org.otklik.server.connector;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.otklik.server.channel.Channel;
import org.otklik.server.channel.ChannelManagement;
import org.otklik.server.channel.ChannelType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/{type}/{channelId}}: where Telegram, VK and OK call. The channel's adapter checks the call's
 * secret; a forged call gets 403 and stores nothing; a genuine one is answered as its platform expects once what it
 * brought is stored (so a platform that retries on an error never loses a message).
 */
@RestController
class WebhookController {

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final ChannelManagement channels;
    private final Connectors connectors;

    WebhookController(ChannelManagement channels, Connectors connectors) {
        this.channels = channels;
        this.connectors = connectors;
    }

    @PostMapping("/webhooks/{type}/{channelId}")
    ResponseEntity<String> call(@PathVariable String type, @PathVariable String channelId,
                                @RequestBody(required = false) String body, HttpServletRequest request) {
        Channel channel = channels.find(channelId).filter(c -> c.type().isPlatform())
                .filter(c -> c.type().wire().equals(type)).orElse(null);
        if (channel == null || channel.type() == ChannelType.EMAIL) {
            return ResponseEntity.status(404).contentType(MediaType.TEXT_PLAIN).body("no such webhook");
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : Collections.list(request.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), request.getHeader(name));
        }
        Map<String, String> query = new HashMap<>();
        request.getParameterMap().forEach((k, v) -> query.put(k, v.length == 0 ? "" : v[0]));
        WebhookAnswer answer = connectors.adapter(channel.type())
                .receive(connectors.platform(channel), new WebhookCall(headers, query, body == null ? "" : body));
        if (answer.status() == 200) {
            connectors.take(channel, answer.incoming());
        } else {
            log.info("webhook for channel {} refused: {}", channel.id(), answer.body());
        }
        return ResponseEntity.status(answer.status()).contentType(MediaType.TEXT_PLAIN).body(answer.body());
    }
}
