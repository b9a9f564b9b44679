package org.otklik.server.connector;

import java.util.Map;

/** A platform's call to {@code /webhooks/{type}/{channelId}}: header names in lower case. */
public record WebhookCall(Map<String, String> headers, Map<String, String> query, String body) {

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
