package org.otklik.server.connector.internal;

import java.time.Instant;
import java.util.Optional;
import org.otklik.server.shared.Times;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Where a poller stands per channel (Telegram's next update id, the last IMAP UID). */
@Repository
public class CursorStore {

    private final JdbcClient jdbc;

    CursorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<String> get(String channelId) {
        return jdbc.sql("select position from channel_cursor where channel_id = ?").param(channelId)
                .query(String.class).optional();
    }

    public void set(String channelId, String position, Instant now) {
        int updated = jdbc.sql("update channel_cursor set position = ?, updated_at = ? where channel_id = ?")
                .params(position, Times.toDb(now), channelId).update();
        if (updated == 0) {
            try {
                jdbc.sql("insert into channel_cursor (channel_id, position, updated_at) values (?, ?, ?)")
                        .params(channelId, position, Times.toDb(now)).update();
            } catch (org.springframework.dao.DuplicateKeyException raced) {
                jdbc.sql("update channel_cursor set position = ?, updated_at = ? where channel_id = ?")
                        .params(position, Times.toDb(now), channelId).update();
            }
        }
    }
}
