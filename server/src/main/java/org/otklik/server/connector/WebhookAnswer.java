package org.otklik.server.connector;

import java.util.List;

/**
 * What to answer a webhook call, and what it brought.
 *
 * @param status   HTTP status: 200 for a genuine call, 403 for a forged or unsigned one (then nothing is taken in)
 * @param body     the answer's plain-text body (VK wants "ok" or the confirmation string)
 */
public record WebhookAnswer(int status, String body, List<Incoming> incoming) {

    public static WebhookAnswer ok(String body, List<Incoming> incoming) {
        return new WebhookAnswer(200, body, incoming);
    }

    public static WebhookAnswer refused(String why) {
        return new WebhookAnswer(403, why, List.of());
    }
}
