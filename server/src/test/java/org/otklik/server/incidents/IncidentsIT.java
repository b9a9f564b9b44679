package org.otklik.server.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.otklik.server.support.Api;
import org.otklik.server.support.PostgresIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Outage incidents in the server: a spike of outage reports opens one by itself; a lead's one status answer reaches
 * every conversation and mention of it (and those who report later at once); the follow-up resolves it.
 */
class IncidentsIT extends PostgresIT {

    static final String OUTAGE = "Приложение не запускается, вылетает сразу при открытии, у всех так? Что случилось";

    @Autowired
    Incidents incidents;
    private String lead;

    @BeforeEach
    void noIncidentOpen() {
        lead = tokenOf(newAdmin());
        incidents.currentId().ifPresent(id -> api.post("/api/v1/incidents/" + id + "/resolve", lead,
                Map.of("text", "Починили")));
    }

    private JsonNode messages(long conversation) {
        return api.get("/api/v1/conversations/" + conversation + "/messages", lead).json();
    }

    private static boolean hasText(JsonNode messages, String text) {
        for (JsonNode m : messages) {
            if (m.get("text").asString().equals(text)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aLeadAnswersEveryoneFromTheIncidentsPage() {
        var leadAccount = newAdmin();
        String dept = newDepartment();
        long reported = send(newApiChannel(dept), unique("m"), unique("c"), OUTAGE).json().get("conversationId")
                .asLong();
        org.openqa.selenium.chrome.ChromeDriver browser = org.otklik.server.support.Browser.start();
        try {
            org.otklik.server.support.Browser.signIn(browser, port, leadAccount.login(), PASSWORD, "ru");
            new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(d -> d.getCurrentUrl().contains("/workspace"));
            browser.get("http://127.0.0.1:" + port + "/workspace/incidents");
            var wait = new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10));
            var form = browser.findElement(org.openqa.selenium.By.cssSelector("form[action='/workspace/incidents']"));
            form.findElement(org.openqa.selenium.By.name("title")).sendKeys("Падает приложение <script>x</script>");
            form.findElement(org.openqa.selenium.By.cssSelector("button")).click();
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(form));
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                    org.openqa.selenium.By.cssSelector(".flash")));
            // the newest incident comes first
            var open = browser.findElement(org.openqa.selenium.By.cssSelector("[data-incident]"));
            assertThat(open.getText()).contains("Падает приложение <script>x</script>").contains("открыт");
            String status = "Знаем о сбое, чиним. Ответим, как только заработает.";
            open.findElement(org.openqa.selenium.By.cssSelector("form[action$='/status'] textarea")).sendKeys(status);
            open.findElement(org.openqa.selenium.By.cssSelector("form[action$='/status'] button")).click();
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(open));
            wait.until(org.openqa.selenium.support.ui.ExpectedConditions.visibilityOfElementLocated(
                    org.openqa.selenium.By.cssSelector(".flash")));
            assertThat(browser.findElement(org.openqa.selenium.By.cssSelector("[data-incident]")).getText())
                    .contains(status);
            org.otklik.server.support.Browser.screenshot(browser, "incident");
        } finally {
            browser.quit();
        }
        assertThat(hasText(messages(reported), "Знаем о сбое, чиним. Ответим, как только заработает.")).isTrue();
    }

    @Autowired
    OutageWatch watch;

    /** The seasonal history is counted by hour, region, channel type and component in SQL from what is stored. */
    @Test
    void theSeasonalHistoryIsCountedFromStoredMessages() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        String region = unique("Регион");
        for (String text : List.of(OUTAGE, OUTAGE, "Как поменять аватарку?")) {
            api.post("/api/v1/inbound", channel.token(), Map.of("externalId", unique("m"), "contact",
                    Map.of("externalId", unique("c"), "region", region), "text", text));
        }
        Instant later = clock.instant().plus(Duration.ofDays(8));
        org.otklik.engine.incidents.IncidentDetector detector = new org.otklik.engine.incidents.IncidentDetector(
                org.otklik.engine.incidents.IncidentDetector.Settings.defaults());
        // at least this test's two groups: its region's outage reports (app) and its other message
        assertThat(watch.rememberWeeksBefore(detector, later)).isGreaterThanOrEqualTo(2);
        assertThat(watch.rememberWeeksBefore(detector, clock.instant().minus(Duration.ofDays(400)))).isZero();
    }

    @Test
    void aSpikeOfOutageReportsOpensAnIncidentByItself() throws Exception {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        clock.advance(Duration.ofMinutes(2));
        for (int i = 0; i < 40; i++) {
            assertThat(send(channel, unique("m"), unique("c"), OUTAGE).status()).isEqualTo(202);
        }
        clock.advance(Duration.ofMinutes(1));
        send(channel, unique("m"), unique("c"), "Спасибо за помощь вчера");
        Instant until = Instant.now().plusSeconds(10);
        while (incidents.currentId().isEmpty() && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        long id = incidents.currentId().orElseThrow(() -> new AssertionError("no incident opened"));
        JsonNode incident = api.get("/api/v1/incidents/" + id, lead).json();
        until = Instant.now().plusSeconds(10); // the reports join it on the incidents' own thread
        while (incident.get("report").get("reports").asInt() < 40 && Instant.now().isBefore(until)) {
            Thread.sleep(100);
            incident = api.get("/api/v1/incidents/" + id, lead).json();
        }
        assertThat(incident.get("trigger").asString()).startsWith("detector");
        assertThat(incident.get("report").get("reports").asInt()).isGreaterThanOrEqualTo(40);
        assertThat(incident.get("report").get("components").get("app").asInt()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void oneStatusAnswerReachesEveryReportAndTheFollowUpResolvesTheIncident() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        long first = send(channel, unique("m"), unique("c"), OUTAGE).json().get("conversationId").asLong();
        long second = send(channel, unique("m"), unique("c"), "Сайт не открывается, ошибка 502 уже полчаса")
                .json().get("conversationId").asLong();
        long unrelated = send(channel, unique("m"), unique("c"), "Как поменять аватарку?").json()
                .get("conversationId").asLong();

        Api.Response opened = api.post("/api/v1/incidents", lead, Map.of("title", "Приложение падает при запуске"));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long id = opened.json().get("id").asLong();
        assertThat(api.post("/api/v1/incidents", lead, Map.of("title", "второй")).status()).isEqualTo(409);
        assertThat(api.post("/api/v1/incidents/" + id + "/status", lead, Map.of("text", " ")).json().get("field")
                .asString()).isEqualTo("text");

        String status = "Мы знаем о сбое приложения и уже чиним. Напишем, как только всё заработает.";
        JsonNode after = api.post("/api/v1/incidents/" + id + "/status", lead, Map.of("text", status)).json();
        assertThat(after.get("report").get("answered").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(hasText(messages(first), status)).isTrue();
        assertThat(hasText(messages(second), status)).isTrue();
        assertThat(hasText(messages(unrelated), status)).isFalse();

        // someone reports it after the status answer: the answer comes at once
        long late = send(channel, unique("m"), unique("c"), OUTAGE).json().get("conversationId").asLong();
        Instant until = Instant.now().plusSeconds(5);
        while (!hasText(messages(late), status) && Instant.now().isBefore(until)) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        assertThat(hasText(messages(late), status)).isTrue();

        String followup = "Всё починили, приложение снова работает. Спасибо за терпение!";
        JsonNode resolved = api.post("/api/v1/incidents/" + id + "/resolve", lead, Map.of("text", followup)).json();
        assertThat(resolved.get("status").asString()).isEqualTo("resolved");
        for (long c : List.of(first, second, late)) {
            assertThat(hasText(messages(c), followup)).as("conversation " + c).isTrue();
        }
        assertThat(api.post("/api/v1/incidents/" + id + "/resolve", lead, Map.of("text", "ещё раз")).status())
                .isEqualTo(409);
        JsonNode report = api.get("/api/v1/incidents/" + id, lead).json().get("report");
        assertThat(report.get("unanswered").asInt()).isZero();
        assertThat(report.get("components").toString()).contains("app").contains("site");
        assertThat(api.get("/api/v1/incidents/999999", lead).status()).isEqualTo(404);
        // a plain agent reads incidents but does not open them or answer everyone
        String agent = tokenOf(newAgent(2, dept));
        assertThat(api.get("/api/v1/incidents/" + id, agent).status()).isEqualTo(200);
        assertThat(api.post("/api/v1/incidents", agent, Map.of("title", "x")).status()).isEqualTo(403);
    }

    @Test
    void aBurstOfReportsWhileTheIncidentIsOpenJoinsItOnceEachAndEachGetsTheStatusAnswerOnce() throws Exception {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        long id = api.post("/api/v1/incidents", lead, Map.of("title", "Приложение падает")).json().get("id").asLong();
        String status = "Знаем о сбое приложения, чиним. Напишем, когда заработает.";
        api.post("/api/v1/incidents/" + id + "/status", lead, Map.of("text", status));

        // 30 users at once: their reports reach the incidents' worker together and join in batches
        List<java.util.concurrent.Future<Long>> sent = new java.util.ArrayList<>();
        try (var users = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 30; i++) {
                sent.add(users.submit(() -> send(channel, unique("m"), unique("c"), OUTAGE).json()
                        .get("conversationId").asLong()));
            }
        }
        List<Long> conversations = new java.util.ArrayList<>();
        for (var f : sent) {
            conversations.add(f.get());
        }
        // (the incident also gathered the last hour's reports of the other tests when it opened)
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                conversations.stream().allMatch(c -> hasText(messages(c), status)));
        JsonNode report = api.get("/api/v1/incidents/" + id, lead).json().get("report");
        assertThat(report.get("unanswered").asInt()).isZero();
        assertThat(report.get("channels").get(channel.id()).asInt()).isEqualTo(30);
        for (long c : conversations) {
            long answers = 0;
            for (JsonNode m : messages(c)) {
                answers += m.get("text").asString().equals(status) ? 1 : 0;
            }
            assertThat(answers).as("status answers in conversation " + c).isEqualTo(1);
        }
    }
}
