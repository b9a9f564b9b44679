package org.otklik.server.connector;

import java.util.List;
import java.util.Set;
import org.otklik.server.channel.ChannelType;

/**
 * One platform behind one contract: platform events in (webhook or poll) as {@link Incoming} with stable external
 * ids, messages out returning the platform's id. Adapters hold no policy: storing, idempotency, triage, routing and
 * retries are Otklik's, around them. Each adapter is tested against a stand-in speaking the platform's documented wire
 * format, by the contract test every adapter's test implements.
 */
public interface ChannelAdapter {

    ChannelType type();

    Set<Capability> capabilities();

    /** Verifies a webhook call (secret, signature, group) and reads it; a forged call is refused and brings nothing. */
    default WebhookAnswer receive(PlatformChannel channel, WebhookCall call) {
        throw new UnsupportedCapability(type().wire(), Capability.WEBHOOK);
    }

    /**
     * Asks the platform for what is new after {@code position} (null: from now on or the start, as the platform
     * allows). The caller stores the batch's items first and its next position after, so a crash in between brings
     * the same items again (stored once) rather than losing them.
     */
    default Batch poll(PlatformChannel channel, String position) {
        throw new UnsupportedCapability(type().wire(), Capability.POLLING);
    }

    /** What a poll brought, and where the next poll starts. */
    record Batch(List<Incoming> items, String nextPosition) {
    }

    /**
     * Sends one message and answers the platform's id for it.
     *
     * @throws DeliveryFailure      when the platform refused or could not be reached
     * @throws UnsupportedCapability when the platform cannot send this kind of message (e.g. a public reply)
     */
    Sent send(PlatformChannel channel, Outgoing message);

    /**
     * Fetches an attachment's bytes from the platform, at most {@code maxBytes} (more is refused by the caller).
     *
     * @throws DeliveryFailure when the platform cannot give it
     */
    default byte[] download(PlatformChannel channel, Incoming.Attachment attachment, long maxBytes) {
        if (attachment.data() != null) {
            return attachment.data();
        }
        throw DeliveryFailure.permanent(type().wire() + " attachments cannot be fetched");
    }

    /** Tells the platform to call this URL with the channel's events (where the platform's API allows it). */
    default void registerWebhook(PlatformChannel channel, String url) {
        throw new UnsupportedCapability(type().wire(), Capability.WEBHOOK);
    }

    /** The platform drops a second send of the same delivery (so a send cut off by a crash may be retried). */
    default boolean dropsDuplicates() {
        return false;
    }

    /** The platform's id of a message just sent. */
    record Sent(String platformMessageId) {
    }
}
