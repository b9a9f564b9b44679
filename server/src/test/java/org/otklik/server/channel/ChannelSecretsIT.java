package org.otklik.server.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.otklik.server.support.Api;
import org.otklik.server.support.PostgresIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Platform secrets are encrypted in the database (the tests run with otklik.secrets.key set) and read by adapters. */
class ChannelSecretsIT extends PostgresIT {

    @Autowired
    JdbcClient jdbc;

    private String stored(String channelId) {
        return jdbc.sql("select settings from channel where id = ?").param(channelId).query(String.class).single();
    }

    @Test
    void aBotTokenIsStoredEncryptedAndReadInClearByItsAdapterOnly() {
        String botToken = "987654:ZYXWVUTSRQPONMLKJIHGFEDCBA_secret";
        Api.Response created = api.post("/api/v1/admin/channels", tokenOf(newAdmin()), Map.of("type", "telegram",
                "name", "TG secrets", "botToken", botToken, "webhookSecret", "hook-secret-42"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.body()).doesNotContain(botToken).doesNotContain("hook-secret-42");

        assertThat(stored(id)).startsWith("enc:v1:").doesNotContain("ZYXWVU").doesNotContain("hook-secret");
        assertThat(channels.settings(id)).containsEntry("botToken", botToken)
                .containsEntry("webhookSecret", "hook-secret-42");

        // a database from before the key: its clear settings are sealed at the next start (called here directly)
        jdbc.sql("update channel set settings = ? where id = ?")
                .params("{\"botToken\":\"" + botToken + "\",\"webhookSecret\":\"hook-secret-42\"}", id).update();
        assertThat(channels.sealSettingsInClear()).isGreaterThanOrEqualTo(1);
        assertThat(stored(id)).startsWith("enc:v1:").doesNotContain("ZYXWVU");
        assertThat(channels.settings(id)).containsEntry("botToken", botToken);
    }
}
