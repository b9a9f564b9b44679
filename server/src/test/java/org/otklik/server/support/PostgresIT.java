package org.otklik.server.support;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.otklik.server.OtklikServer;
import org.otklik.server.agent.Agent;
import org.otklik.server.agent.AgentManagement;
import org.otklik.server.agent.NewAgent;
import org.otklik.server.agent.Role;
import org.otklik.server.channel.ChannelManagement;
import org.otklik.server.channel.ChannelType;
import org.otklik.server.channel.CreatedChannel;
import org.otklik.server.department.Departments;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole server on a random port, on a fresh PostgreSQL database, with a clock the test moves. Tests share one
 * server; each makes its own department, so that its agents and queues do not meet another test's.
 */
@SpringBootTest(classes = OtklikServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"otklik.lifecycle.auto-close-check-interval=300ms", "logging.level.org.otklik=INFO",
                // tests share one server: the general pool would let one test's agents take another's conversations
                "otklik.routing.expand-after=0", "otklik.routing.tick-interval=200ms",
                "otklik.outbox.interval=200ms", "otklik.connectors.poll-interval=1h",
                // the test clock stands still between steps: read the outage watch's stream without a lag
                "otklik.incidents.poll-interval=300ms", "otklik.incidents.read-lag=0s",
                // every test's web chat comes from 127.0.0.1: no address limit here (ClientRateLimitsTest has it)
                "otklik.inbound.rate-limits.per-address=0",
                // platform secrets encrypted at rest, as in production (base64 of 32 bytes, for tests only)
                "otklik.secrets.key=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
                "otklik.sla.check-interval=1h", "otklik.sla.escalation-recipients=" + TestMail.ESCALATION_RECIPIENT,
                "otklik.reports.recipients=" + TestMail.REPORT_RECIPIENT, "otklik.reports.mail-check-interval=1h",
                "otklik.escalation.pr-recipients=" + TestMail.PR_RECIPIENT,
                "otklik.escalation.developers-recipients=" + TestMail.DEVELOPERS_RECIPIENT,
                "otklik.escalation.product-recipients=" + TestMail.PRODUCT_RECIPIENT,
                "otklik.sla.calendars.night-owl.zone=Europe/Moscow",
                "otklik.sla.calendars.night-owl.hours.MONDAY=03:00-03:01",
                "otklik.sla.policies[0].name=night-owl", "otklik.sla.policies[0].department=" + PostgresIT.NIGHT_OWL,
                "otklik.sla.policies[0].first-response=1h", "otklik.sla.policies[0].calendar=night-owl",
                "otklik.sla.policies[1].name=vip", "otklik.sla.policies[1].priority=vip",
                "otklik.sla.policies[1].first-response=5m", "otklik.sla.policies[1].resolution=2h",
                "otklik.sla.policies[2].name=standard", "otklik.sla.policies[2].first-response=15m",
                "otklik.sla.policies[2].next-response=30m", "otklik.sla.policies[2].resolution=24h",
                "otklik.bootstrap.admin-login=" + PostgresIT.BOOTSTRAP_ADMIN,
                "otklik.bootstrap.admin-password=" + PostgresIT.PASSWORD})
@Import(TestClockConfiguration.class)
public abstract class PostgresIT {

    public static final String PASSWORD = "correct-horse-battery";
    public static final String BOOTSTRAP_ADMIN = "first-admin";
    /** A department whose SLA calendar is open one minute a week: conversations there arrive off hours. */
    public static final String NIGHT_OWL = "night-owl";

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", TestDatabase::user);
        registry.add("spring.datasource.password", TestDatabase::password);
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", TestMail::smtpPort);
        registry.add("otklik.listening.digest-recipients", () -> TestMail.DIGEST_RECIPIENT);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected ChannelManagement channels;
    @Autowired
    protected AgentManagement agents;
    @Autowired
    protected Departments departments;
    @Autowired
    protected MutableClock clock;
    protected Api api;

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    protected static String unique(String prefix) {
        return prefix + ThreadLocalRandom.current().nextInt(1_000_000_000);
    }

    protected String newDepartment() {
        return departments.create(unique("t"), "Test department").code();
    }

    public record TestChannel(String id, String token) {
    }

    /** A REST channel whose conversations always go to this department (triage does not pick one). */
    protected TestChannel newApiChannel(String defaultDepartment) {
        CreatedChannel created = channels.create(null, ChannelType.API, "Test API", defaultDepartment, false);
        return new TestChannel(created.channel().id(), created.token());
    }

    /** A REST channel whose new conversations go to the department triage reads in their first message. */
    protected TestChannel newTriagedChannel(String defaultDepartment) {
        CreatedChannel created = channels.create(null, ChannelType.API, "Test API", defaultDepartment, true);
        return new TestChannel(created.channel().id(), created.token());
    }

    protected Agent newAgent(int maxChats, String... skills) {
        return agents.create(new NewAgent(unique("agent"), "Тест Агентов", PASSWORD, Role.AGENT, Set.of(skills),
                maxChats));
    }

    protected Agent newAdmin() {
        return agents.create(new NewAgent(unique("admin"), "Админ Тестов", PASSWORD, Role.ADMIN, Set.of(), 4));
    }

    protected String tokenOf(Agent agent) {
        return api.login(agent.login(), PASSWORD);
    }

    protected String goOnline(Agent agent) {
        String token = tokenOf(agent);
        Api.Response r = api.put("/api/v1/agents/me/status", token, Map.of("status", "online"));
        if (r.status() != 200) {
            throw new IllegalStateException("could not go online: " + r);
        }
        return token;
    }

    protected Api.Response send(TestChannel channel, String externalId, String contactId, String text) {
        return api.post("/api/v1/inbound", channel.token(), Map.of("externalId", externalId,
                "contact", Map.of("externalId", contactId, "name", "Мария"), "text", text));
    }
}
