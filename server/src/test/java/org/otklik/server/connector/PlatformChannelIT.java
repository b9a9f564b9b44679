package org.otklik.server.connector;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.otklik.server.support.Api;
import org.otklik.server.support.PostgresIT;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The shared part of the adapters' tests: the server on PostgreSQL, a WireMock stand-in, the contract's helpers. */
abstract class PlatformChannelIT extends PostgresIT implements ChannelAdapterContract.Support {

    static WireMockServer standIn;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Connectors connectors;
    @Autowired
    Pollers pollers;
    private String adminToken;

    @BeforeAll
    static void startStandIn() {
        standIn = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
        standIn.start();
    }

    @AfterAll
    static void stopStandIn() {
        standIn.stop();
    }

    @BeforeEach
    void resetStandIn() {
        standIn.resetAll();
    }

    /** What a test left queued would retry against a stand-in that is gone: end it, so the next test starts quiet. */
    @org.junit.jupiter.api.AfterEach
    void endLeftOverDeliveries() {
        jdbc.update("update outbound_delivery set status = 'failed', last_error = 'the test ended' where status = 'queued'");
    }

    public ChannelAdapterContract.Support support() {
        return this;
    }

    @Override
    public Api api() {
        return api;
    }

    @Override
    public String adminToken() {
        if (adminToken == null) {
            adminToken = tokenOf(newAdmin());
        }
        return adminToken;
    }

    @Override
    public int storedInbound(String channelId, String contact) {
        return jdbc.queryForObject("""
                select count(*) from message m join conversation c on c.id = m.conversation_id
                join contact ct on ct.id = c.contact_id
                where m.channel_id = ? and m.direction = 'IN' and ct.external_id = ?""", Integer.class,
                channelId, contact);
    }

    @Override
    public String onlineAgentToken(String department) {
        return goOnline(newAgent(4, department));
    }

    @Override
    public void advanceClock(Duration duration) {
        clock.advance(duration);
    }

    /** Creates a platform channel over the admin API; answers its id and its department. */
    ChannelAdapterContract.Created create(String type, Map<String, Object> settings) {
        String department = newDepartment();
        Map<String, Object> body = new HashMap<>(settings);
        body.put("type", type);
        body.put("name", "Test " + type);
        body.put("defaultDepartment", department);
        body.put("departmentFromTriage", false);
        Api.Response r = api.post("/api/v1/admin/channels", adminToken(), body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new ChannelAdapterContract.Created(r.json().get("id").asString(), department);
    }

    /** Waits (up to 10 s) until routing has assigned the conversation to the agent. */
    void awaitAssigned(String agentToken, long conversation) {
        java.time.Instant until = java.time.Instant.now().plusSeconds(10);
        while (!"assigned".equals(api.get("/api/v1/conversations/" + conversation, agentToken).json().get("status")
                .asString())) {
            if (java.time.Instant.now().isAfter(until)) {
                throw new AssertionError("conversation " + conversation + " was not assigned");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    String standInUrl() {
        return "http://127.0.0.1:" + standIn.port();
    }
}
