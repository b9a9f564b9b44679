package org.otklik.server.connector;

import java.time.InstantSource;
import org.otklik.server.channel.Channel;
import org.otklik.server.channel.ChannelManagement;
import org.otklik.server.channel.ChannelType;
import org.otklik.server.connector.internal.CursorStore;
import org.otklik.server.shared.Cluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls the channels that are read by polling: every mailbox, and Telegram bots set to {@code polling: true} (for a
 * server without a public address). What a poll brings is stored before its position is, so nothing is lost.
 */
@Component
public class Pollers {

    private static final Logger log = LoggerFactory.getLogger(Pollers.class);

    private final ChannelManagement channels;
    private final Connectors connectors;
    private final CursorStore cursors;
    private final InstantSource clock;

    private final Cluster cluster;

    Pollers(ChannelManagement channels, Connectors connectors, CursorStore cursors, InstantSource clock,
            Cluster cluster) {
        this.cluster = cluster;
        this.channels = channels;
        this.connectors = connectors;
        this.cursors = cursors;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${otklik.connectors.poll-interval:5s}", initialDelayString = "PT5S")
    public void pollAll() {
        if (!cluster.isLeader()) {
            return; // one node polls (Telegram allows one getUpdates consumer per bot)
        }
        for (Channel channel : channels.ofType(ChannelType.EMAIL)) {
            pollOne(channel);
        }
        for (Channel channel : channels.ofType(ChannelType.TELEGRAM)) {
            if (Boolean.parseBoolean(channels.settings(channel.id()).get("polling"))) {
                pollOne(channel);
            }
        }
    }

    /** One poll of one channel; answers how many items it brought. */
    public int pollOne(Channel channel) {
        try {
            ChannelAdapter.Batch batch = connectors.adapter(channel.type())
                    .poll(connectors.platform(channel), cursors.get(channel.id()).orElse(null));
            connectors.take(channel, batch.items());
            cursors.set(channel.id(), batch.nextPosition(), clock.instant());
            return batch.items().size();
        } catch (DeliveryFailure e) {
            log.warn("polling channel {}: {}", channel.id(), e.getMessage());
            return 0;
        }
    }
}
