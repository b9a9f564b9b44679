package org.otklik.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.otklik.server.support.Api;
import org.otklik.server.support.PostgresIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Inbound writes are idempotent on the channel's message id, also under concurrent duplicate deliveries. */
class InboundIdempotencyIT extends PostgresIT {

    @Autowired
    JdbcClient jdbc;

    private long storedMessages(String channelId, String externalId) {
        return jdbc.sql("select count(*) from message where channel_id = ? and external_id = ?")
                .params(channelId, externalId).query(Long.class).single();
    }

    @Test
    void duplicateWebhookIsStoredOnceAndAnsweredWithTheSameIds() {
        TestChannel channel = newApiChannel(newDepartment());
        String externalId = unique("msg");
        JsonNode first = send(channel, externalId, "dup-user", "Здравствуйте").json();
        Api.Response again = send(channel, externalId, "dup-user", "Здравствуйте");

        assertThat(again.status()).isEqualTo(202);
        assertThat(again.json().get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("conversationId").asLong()).isEqualTo(first.get("conversationId").asLong());
        assertThat(again.json().get("messageId").asLong()).isEqualTo(first.get("messageId").asLong());
        assertThat(storedMessages(channel.id(), externalId)).isEqualTo(1);
    }

    @Test
    void eightConcurrentSendersOfOneMessageStoreItOnce() throws Exception {
        TestChannel channel = newApiChannel(newDepartment());
        for (int round = 0; round < 5; round++) {
            String externalId = unique("race");
            String contact = unique("race-user");
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<Api.Response> sender = () -> {
                    start.await();
                    return send(channel, externalId, contact, "Аккаунт заблокирован, помогите");
                };
                answers.add(pool.submit(sender));
            }
            start.countDown();
            Set<Long> conversations = new HashSet<>();
            Set<Long> messages = new HashSet<>();
            int firstDeliveries = 0;
            for (Future<Api.Response> answer : answers) {
                Api.Response r = answer.get();
                assertThat(r.status()).as(r.body()).isEqualTo(202);
                conversations.add(r.json().get("conversationId").asLong());
                messages.add(r.json().get("messageId").asLong());
                firstDeliveries += r.json().get("duplicate").asBoolean() ? 0 : 1;
            }
            pool.shutdown();

            assertThat(firstDeliveries).isEqualTo(1);
            assertThat(conversations).hasSize(1);
            assertThat(messages).hasSize(1);
            assertThat(storedMessages(channel.id(), externalId)).isEqualTo(1);
            assertThat(jdbc.sql("select count(*) from contact where channel_id = ? and external_id = ?")
                    .params(channel.id(), contact).query(Long.class).single()).isEqualTo(1);
        }
    }

    @Test
    void aReturningUsersNewNameRegionAndVipAreKeptAndMissingOnesLeaveTheStoredAlone() {
        TestChannel channel = newApiChannel(newDepartment());
        String contact = unique("returning");
        long first = api.post("/api/v1/inbound", channel.token(), java.util.Map.of("externalId", unique("m"),
                "contact", java.util.Map.of("externalId", contact, "name", "Мария", "region", "Москва"),
                "text", "первое")).json().get("conversationId").asLong();
        api.post("/api/v1/inbound", channel.token(), java.util.Map.of("externalId", unique("m"),
                "contact", java.util.Map.of("externalId", contact, "name", "Мария К.", "vip", true),
                "text", "второе"));
        var row = jdbc.sql("select count(*) over () as n, name, region, vip from contact"
                        + " where channel_id = ? and external_id = ?").params(channel.id(), contact)
                .query((rs, n) -> List.of(rs.getLong("n"), rs.getString("name"), rs.getString("region"),
                        rs.getBoolean("vip"))).single();
        assertThat(row).containsExactly(1L, "Мария К.", "Москва", true);
        // the second message found the contact's open conversation: one conversation, two messages
        assertThat(jdbc.sql("select count(*) from message where conversation_id = ? and direction = 'IN'")
                .param(first).query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void messagesStoredTogetherInOneBatchAreEachAnsweredWithTheirOwnIds() throws Exception {
        TestChannel channel = newApiChannel(newDepartment());
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(40);
        List<String> externalIds = new ArrayList<>();
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String externalId = unique("together");
            String contact = "user-of-" + externalId;
            externalIds.add(externalId);
            answers.add(pool.submit(() -> {
                start.await();
                return send(channel, externalId, contact, "вопрос " + externalId);
            }));
        }
        start.countDown();
        for (int i = 0; i < answers.size(); i++) {
            JsonNode receipt = answers.get(i).get().json();
            var stored = jdbc.sql("""
                            select m.external_id, m.body, ct.external_id as contact from message m
                            join conversation c on c.id = m.conversation_id join contact ct on ct.id = c.contact_id
                            where m.id = ? and c.id = ?""")
                    .params(receipt.get("messageId").asLong(), receipt.get("conversationId").asLong())
                    .query((rs, n) -> List.of(rs.getString("external_id"), rs.getString("body"),
                            rs.getString("contact"))).single();
            assertThat(stored).containsExactly(externalIds.get(i), "вопрос " + externalIds.get(i),
                    "user-of-" + externalIds.get(i));
        }
        pool.shutdown();
    }

    @Test
    void concurrentFirstMessagesOfOneNewUserLandInOneConversation() throws Exception {
        TestChannel channel = newApiChannel(newDepartment());
        String contact = unique("burst-user");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Api.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String externalId = unique("burst");
            answers.add(pool.submit(() -> {
                start.await();
                return send(channel, externalId, contact, "сообщение");
            }));
        }
        start.countDown();
        Set<Long> conversations = new HashSet<>();
        for (Future<Api.Response> answer : answers) {
            Api.Response r = answer.get();
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            conversations.add(r.json().get("conversationId").asLong());
        }
        pool.shutdown();
        assertThat(conversations).hasSize(1);
    }
}
