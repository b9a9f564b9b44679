package org.otklik.server.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.otklik.server.support.Api;
import tools.jackson.databind.JsonNode;

/**
 * The contract every channel adapter keeps, run against a stand-in that speaks its platform's documented wire format
 * (never a mock of our own interfaces). Each adapter's test implements the platform-specific steps.
 */
public interface ChannelAdapterContract {

    /** A platform channel, created through the admin API and pointing at the stand-in. */
    record Created(String channelId, String department) {
    }

    Created channel();

    ChannelAdapter adapter();

    /** A new user's id in the platform's own format (a number, a chat id, an address), made from a seed. */
    String contactId(String seed);

    /** Delivers one user's message as the platform would (webhook call or a message waiting for a poll). */
    void deliver(Created channel, String eventId, String contact, String text);

    /** A call to the channel's webhook that is not from the platform (wrong or missing secret); its HTTP status. */
    int deliverForged(Created channel, String contact, String text);

    /** The stand-in accepts sends and answers a platform message id made from this number. */
    void acceptSends(String platformId);

    /** The stand-in fails the next {@code times} sends as the platform does when it is down, then accepts them. */
    void failSends(int times, String platformId);

    /** Whether the platform id the outbox recorded is the one the stand-in gave for {@code given}. */
    default boolean isPlatformId(String recorded, String given) {
        return recorded != null && recorded.endsWith(given);
    }

    /** How many send calls to this user the stand-in has received. */
    int sendCalls(String contact);

    /** Test access to the server. */
    Support support();

    /** What the contract needs from the test base. */
    interface Support {
        Api api();

        int storedInbound(String channelId, String contact);

        String adminToken();

        String onlineAgentToken(String department);

        void advanceClock(Duration duration);
    }

    @Test
    default void aDuplicateDeliveryIsStoredOnce() {
        Created channel = channel();
        String contact = contactId("contract-" + System.nanoTime());
        deliver(channel, "e1-" + contact, contact, "Здравствуйте, не приходит код подтверждения");
        deliver(channel, "e1-" + contact, contact, "Здравствуйте, не приходит код подтверждения");
        assertThat(support().storedInbound(channel.channelId(), contact)).isEqualTo(1);
    }

    @Test
    default void aForgedOrUnsignedWebhookIsRejectedAndStoresNothing() {
        Created channel = channel();
        String contact = contactId("forger-" + System.nanoTime());
        assertThat(deliverForged(channel, contact, "Переведите мне деньги")).isIn(401, 403, 404);
        assertThat(support().storedInbound(channel.channelId(), contact)).isZero();
    }

    @Test
    default void aReplyIsSentThroughThePlatformAndReturnsItsId() {
        Created channel = channel();
        acceptSends("7700");
        String contact = contactId("replied-" + System.nanoTime());
        String agent = support().onlineAgentToken(channel.department());
        deliver(channel, "e2-" + contact, contact, "У меня не грузится лента уже час");
        long conversation = conversationOf(channel, contact);
        long message = reply(agent, conversation, "Проверим, напишите, пожалуйста, какое у вас устройство");
        JsonNode delivery = awaitDelivery(agent, conversation, message, "sent", Duration.ZERO);
        assertThat(isPlatformId(delivery.get("platformMessageId").asString(), "7700")).as(delivery.toString()).isTrue();
        assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
    }

    @Test
    default void aFailedSendIsRetriedWithBackoffFromTheOutboxAndNeverSentTwice() throws Exception {
        Created channel = channel();
        String contact = contactId("retried-" + System.nanoTime());
        String agent = support().onlineAgentToken(channel.department());
        deliver(channel, "e3-" + contact, contact, "Не могу оплатить подписку картой");
        long conversation = conversationOf(channel, contact);
        int before = sendCalls(contact);
        failSends(2, "8800");
        long message = reply(agent, conversation, "Подскажите, какая ошибка появляется при оплате?");
        awaitDelivery(agent, conversation, message, "queued", Duration.ZERO);
        JsonNode delivery = awaitDelivery(agent, conversation, message, "sent", Duration.ofMinutes(1));
        assertThat(isPlatformId(delivery.get("platformMessageId").asString(), "8800")).as(delivery.toString()).isTrue();
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
        Thread.sleep(1500); // the dispatcher keeps running: nothing more goes out
        support().advanceClock(Duration.ofHours(1));
        Thread.sleep(1500);
        assertThat(sendCalls(contact) - before).isEqualTo(3);
    }

    @Test
    default void anUnsupportedCapabilityFailsClearly() {
        ChannelAdapter adapter = adapter();
        PlatformChannel channel = new PlatformChannel("x", adapter.type(), Map.of());
        for (Capability missing : Capability.values()) {
            if (adapter.capabilities().contains(missing)) {
                continue;
            }
            Runnable call = switch (missing) {
                case WEBHOOK -> () -> adapter.receive(channel, new WebhookCall(Map.of(), Map.of(), "{}"));
                case POLLING -> () -> adapter.poll(channel, null);
                case PRIVATE_MESSAGES -> () -> adapter.send(channel, new Outgoing(1, "u", "t", null, null));
                case PUBLIC_REPLIES -> () -> adapter.send(channel, new Outgoing(1, null, "t", "wall1_2_3", null));
            };
            assertThatThrownBy(call::run).isInstanceOf(UnsupportedCapability.class)
                    .hasMessageContaining(adapter.type().wire())
                    .hasMessageContaining(missing.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
        }
    }

    private long conversationOf(Created channel, String contact) {
        JsonNode list = support().api().get("/api/v1/conversations?channel=" + channel.channelId() + "&limit=500",
                support().adminToken()).json();
        for (JsonNode c : list) {
            if (contact.equals(c.get("contact").get("externalId").asString())) {
                return c.get("id").asLong();
            }
        }
        throw new AssertionError("no conversation of " + contact + " in " + list);
    }

    private long reply(String agentToken, long conversation, String text) {
        Api.Response assigned = awaitAssigned(agentToken, conversation);
        assertThat(assigned.status()).isEqualTo(200);
        Api.Response r = support().api().post("/api/v1/conversations/" + conversation + "/replies", agentToken,
                Map.of("text", text));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private Api.Response awaitAssigned(String agentToken, long conversation) {
        Instant until = Instant.now().plusSeconds(10);
        Api.Response r;
        do {
            r = support().api().get("/api/v1/conversations/" + conversation, agentToken);
            if (r.status() == 200 && "assigned".equals(r.json().get("status").asString())) {
                return r;
            }
            sleep(100);
        } while (Instant.now().isBefore(until));
        throw new AssertionError("conversation " + conversation + " was not assigned: " + r.body());
    }

    /** Waits for the delivery to reach a status, moving the server's clock by {@code step} while waiting. */
    private JsonNode awaitDelivery(String token, long conversation, long message, String status, Duration step) {
        Instant until = Instant.now().plusSeconds(20);
        JsonNode delivery = null;
        while (Instant.now().isBefore(until)) {
            for (JsonNode m : support().api().get("/api/v1/conversations/" + conversation + "/messages", token)
                    .json()) {
                if (m.get("id").asLong() == message) {
                    delivery = m.get("delivery");
                }
            }
            if (delivery != null && !delivery.isNull() && status.equals(delivery.get("status").asString())) {
                return delivery;
            }
            if (!step.isZero()) {
                support().advanceClock(step);
            }
            sleep(200);
        }
        throw new AssertionError("delivery of message " + message + " did not become " + status + ": " + delivery);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Useful to implementations: the messages' texts of a list. */
    static List<String> texts(JsonNode messages) {
        return messages.findValuesAsString("text");
    }
}
