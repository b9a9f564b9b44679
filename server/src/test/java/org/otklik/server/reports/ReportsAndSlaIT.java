package org.otklik.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.otklik.engine.lifecycle.CloseReason;
import org.otklik.server.conversation.ConversationClosed;
import org.otklik.server.sla.SlaMonitor;
import org.otklik.server.support.Api;
import org.otklik.server.support.PostgresIT;
import org.otklik.server.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Reports are projections written as events happen (and stay right when an event comes twice); SLA clocks, breaches
 * recorded once and escalated by e-mail, and the off-hours answer.
 */
class ReportsAndSlaIT extends PostgresIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    SlaMonitor sla;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ReportsProperties properties;

    private JsonNode await(String path, String token, java.util.function.Predicate<JsonNode> done) {
        Instant until = Instant.now().plusSeconds(15);
        JsonNode last = null;
        while (Instant.now().isBefore(until)) {
            last = api.get(path, token).json();
            if (done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        throw new AssertionError("never true for " + path + ": " + last);
    }

    private static JsonNode rowOf(JsonNode rows, String key, String value) {
        for (JsonNode r : rows) {
            if (value.equals(r.get(key).asString())) {
                return r;
            }
        }
        return null;
    }

    @Test
    void aConversationsLifeLandsInTheReportOnceEvenWhenAnEventComesTwice() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        String agent = goOnline(newAgent(2, dept));
        String contact = unique("c");
        long id = send(channel, unique("m"), contact, "Не проходит оплата картой, пишет ошибка 3DS")
                .json().get("conversationId").asLong();
        await("/api/v1/conversations/" + id, agent, c -> c.get("status").asString().equals("assigned"));
        clock.advance(Duration.ofSeconds(70));
        assertThat(api.post("/api/v1/conversations/" + id + "/replies", agent, Map.of("text", "Проверим платёж"))
                .status()).isEqualTo(201);
        // the user writes again and the agent answers within the next-response target: one next response, met
        clock.advance(Duration.ofSeconds(30));
        send(channel, unique("m"), contact, "Карта Мир, банк пишет что всё в порядке");
        clock.advance(Duration.ofSeconds(60));
        assertThat(api.post("/api/v1/conversations/" + id + "/replies", agent, Map.of("text", "Нашли, исправили"))
                .status()).isEqualTo(201);
        api.post("/api/v1/conversations/" + id + "/resolution", agent, Map.of());
        api.post("/api/v1/conversations/" + id + "/confirmation", channel.token(), Map.of("confirmed", true));
        api.post("/api/v1/conversations/" + id + "/csat", channel.token(), Map.of("score", 5));

        JsonNode conversation = api.get("/api/v1/conversations/" + id, agent).json();
        LocalDate day = Instant.parse(conversation.get("createdAt").asString()).atZone(properties.zone()).toLocalDate();
        String path = "/api/v1/reports?from=" + day + "&to=" + day + "&by=department";
        JsonNode row = rowOf(await(path, agent, rows -> {
            JsonNode r = rowOf(rows, "department", dept);
            return r != null && r.get("csatCount").asInt() == 1 && r.get("closed").asInt() == 1;
        }), "department", dept);
        assertThat(row.get("received").asInt()).isEqualTo(1);
        assertThat(row.get("firstResponses").asInt()).isEqualTo(1);
        assertThat(row.get("firstResponseMeanSeconds").asInt()).isBetween(70, 75);
        assertThat(row.get("firstResponseP50Seconds").asInt()).isBetween(60, 120);
        assertThat(row.get("confirmedShare").asDouble()).isEqualTo(1.0);
        assertThat(row.get("csatPositiveShare").asDouble()).isEqualTo(1.0);
        assertThat(row.get("slaAttainment").asDouble()).isEqualTo(1.0);
        assertThat(row.get("resolutionSlaAttainment").asDouble()).isEqualTo(1.0);
        assertThat(row.get("nextResponses").asInt()).isEqualTo(1);
        assertThat(row.get("nextResponseSlaAttainment").asDouble()).isEqualTo(1.0);
        assertThat(row.get("abandoned").asInt()).isZero();

        // the close comes again (a redelivered event): nothing is counted twice
        transactions.executeWithoutResult(tx -> events.publishEvent(new ConversationClosed(id, null, dept,
                channel.id(), CloseReason.CONFIRMED, clock.instant())));
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        JsonNode again = rowOf(api.get(path, agent).json(), "department", dept);
        assertThat(again.get("closed").asInt()).isEqualTo(1);

        String csv = api.get("/api/v1/reports?from=" + day + "&to=" + day + "&by=department&format=csv", agent)
                .body();
        assertThat(csv).startsWith("department,received,firstResponses,").contains(dept + ",1,1,");
        assertThat(api.get("/api/v1/reports?from=" + day + "&to=" + day + "&by=hour", agent).json()).isNotEmpty();
        JsonNode period = api.get("/api/v1/reports/period?from=" + day + "&to=" + day, agent).json();
        assertThat(period.get("total").get("received").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(period.get("byChannel").toString()).contains(channel.id());
        Api.Response badBy = api.get("/api/v1/reports?from=" + day + "&to=" + day + "&by=mood", agent);
        assertThat(badBy.status()).isEqualTo(400);
        assertThat(badBy.json().get("field").asString()).isEqualTo("by");
        assertThat(api.get("/api/v1/reports?from=" + day + "&to=" + day.minusDays(1), agent).json().get("field")
                .asString()).isEqualTo("to");
        assertThat(api.get("/api/v1/reports?from=yesterday&to=" + day, agent).json().get("field").asString())
                .isEqualTo("from");
        assertThat(period.get("mentions").has("processedShare")).isTrue();

        // the same report as a PDF made by the server: totals, the department's row, Cyrillic text embedded
        byte[] bytes = api.bytes("/api/v1/reports/period.pdf?from=" + day + "&to=" + day, agent);
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        String text = pdfText(bytes);
        assertThat(text).contains("Received", "By department", dept, "—");
        assertThat(api.get("/api/v1/reports/period.pdf?from=" + day + "&to=" + day.minusDays(1), agent).status())
                .isEqualTo(400);
        JsonNode cockpit = api.get("/api/v1/reports/cockpit", agent).json();
        assertThat(cockpit.has("queues")).isTrue();
        assertThat(cockpit.get("agentsOnline").toString()).contains("agent");
    }

    @Test
    void aFirstResponseBreachIsRecordedOnceEscalatedAndShownWithItsClock() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        String agent = tokenOf(newAgent(2, dept)); // offline: nobody answers
        long id = send(channel, unique("m"), unique("c"), "Заблокировали аккаунт, не могу войти")
                .json().get("conversationId").asLong();
        JsonNode clocks = api.get("/api/v1/conversations/" + id + "/sla", agent).json();
        assertThat(rowOf(clocks, "metric", "first_response").get("state").asString()).isEqualTo("running");
        assertThat(rowOf(clocks, "metric", "first_response").get("target").asString()).isEqualTo("PT15M");

        clock.advance(Duration.ofMinutes(5)); // 10 minutes left: within the 15-minute warning
        sla.check();
        clock.advance(Duration.ofMinutes(11));
        sla.check();
        sla.check();
        assertThat(jdbc.queryForObject("select count(*) from sla_event where conversation_id = ? and kind = 'breach'",
                Integer.class, id)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from sla_event where conversation_id = ? and kind = 'warning'",
                Integer.class, id)).isEqualTo(1);
        assertThat(rowOf(api.get("/api/v1/conversations/" + id + "/sla", agent).json(), "metric", "first_response")
                .get("state").asString()).isEqualTo("breached");
        assertThat(api.get("/api/v1/sla/alerts", agent).body()).contains("\"conversationId\":" + id);
        assertThat(TestMail.received().stream().anyMatch(m -> {
            try {
                return m.getSubject().contains("#" + id) && m.getAllRecipients()[0].toString()
                        .equals(TestMail.ESCALATION_RECIPIENT);
            } catch (Exception e) {
                return false;
            }
        })).isTrue();
    }

    @Autowired
    ReportMailer mailer;

    @Test
    void aUserWhoLeavesTheQueueIsCountedAbandonedAndNotAskedForARating() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        String lead = tokenOf(newAdmin());
        long id = send(channel, unique("m"), unique("c"), "Не могу войти, жду ответа").json().get("conversationId")
                .asLong();
        Api.Response left = api.post("/api/v1/conversations/" + id + "/abandonment", channel.token(), Map.of());
        assertThat(left.status()).as(left.body()).isEqualTo(200);
        assertThat(left.json().get("status").asString()).isEqualTo("closed");
        assertThat(api.post("/api/v1/conversations/" + id + "/abandonment", channel.token(), Map.of()).status())
                .as("only a waiting conversation can be left").isEqualTo(409);
        JsonNode conversation = api.get("/api/v1/conversations/" + id, lead).json();
        assertThat(conversation.get("closeReason").asString()).isEqualTo("abandoned");
        JsonNode queue = rowOf(api.get("/api/v1/queues", lead).json(), "department", dept);
        assertThat(queue == null ? 0 : queue.get("length").asInt()).as("left the queue").isZero();
        LocalDate day = Instant.parse(conversation.get("createdAt").asString()).atZone(properties.zone()).toLocalDate();
        String path = "/api/v1/reports?from=" + day + "&to=" + day + "&by=department";
        JsonNode row = rowOf(await(path, lead, rows -> {
            JsonNode r = rowOf(rows, "department", dept);
            return r != null && r.get("abandoned").asInt() == 1;
        }), "department", dept);
        assertThat(row.get("closed").asInt()).as("an abandoned conversation is not a resolution").isZero();
        assertThat(row.get("abandonedShare").asDouble()).isEqualTo(1.0);
        assertThat(api.get("/api/v1/conversations/" + id + "/messages", lead).body()).doesNotContain("csat_request");
    }

    @Test
    void periodicReportsAreEmailedOnceEachAfterTheirTime() throws Exception {
        java.time.ZonedDateTime local = clock.instant().atZone(properties.zone());
        if (local.getHour() < 9) {
            clock.advance(Duration.ofHours(10 - local.getHour()));
        }
        Map<String, LocalDate[]> due = mailer.due(java.time.ZonedDateTime.parse("2026-05-04T09:30+03:00[Europe/Moscow]"));
        assertThat(due.get("day")).containsExactly(LocalDate.parse("2026-05-03"), LocalDate.parse("2026-05-03"));
        assertThat(due.get("month")).containsExactly(LocalDate.parse("2026-04-01"), LocalDate.parse("2026-04-30"));
        assertThat(due.get("quarter")).containsExactly(LocalDate.parse("2026-01-01"), LocalDate.parse("2026-03-31"));
        assertThat(due.get("year")).containsExactly(LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"));
        assertThat(mailer.due(java.time.ZonedDateTime.parse("2026-05-04T08:59+03:00[Europe/Moscow]"))).isEmpty();
        assertThat(mailer.due(java.time.ZonedDateTime.parse("2026-05-04T19:30+03:00[Europe/Moscow]")).keySet())
                .contains("digest-09:00", "digest-14:00", "digest-19:00");

        int expected = mailer.due(clock.instant().atZone(properties.zone())).size();
        int first = mailer.sendDue();
        assertThat(mailer.sendDue()).isZero();
        long reports = TestMail.received().stream().filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equals(TestMail.REPORT_RECIPIENT)
                        && m.getSubject().startsWith("Otklik: ");
            } catch (Exception e) {
                return false;
            }
        }).count();
        assertThat(first).isEqualTo(expected).isGreaterThanOrEqualTo(5);
        assertThat(reports).isEqualTo(expected);
        // the monthly report comes with its PDF
        jakarta.mail.internet.MimeMessage monthly = TestMail.received().stream().filter(m -> {
            try {
                return m.getSubject().startsWith("Otklik: отчёт за ") && m.getContent() instanceof
                        jakarta.mail.Multipart;
            } catch (Exception e) {
                return false;
            }
        }).findFirst().orElseThrow();
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) monthly.getContent();
        boolean pdfAttached = false;
        for (int i = 0; i < parts.getCount(); i++) {
            jakarta.mail.BodyPart part = parts.getBodyPart(i);
            if (part.getContentType().startsWith("application/pdf")) {
                byte[] pdf = part.getInputStream().readAllBytes();
                assertThat(pdfText(pdf)).contains("Received");
                pdfAttached = true;
            }
        }
        assertThat(pdfAttached).as("a PDF attached to " + monthly.getSubject()).isTrue();
    }

    private static String pdfText(byte[] pdf) {
        try (var reader = new org.openpdf.text.pdf.PdfReader(pdf)) {
            var extractor = new org.openpdf.text.pdf.parser.PdfTextExtractor(reader);
            StringBuilder text = new StringBuilder();
            for (int page = 1; page <= reader.getNumberOfPages(); page++) {
                text.append(extractor.getTextFromPage(page)).append('\n');
            }
            return text.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void offHoursTheUserIsToldWhenTheTeamIsBack() {
        if (departments.all().stream().noneMatch(d -> d.code().equals(NIGHT_OWL))) {
            departments.create(NIGHT_OWL, "Ночная смена");
        }
        TestChannel channel = newApiChannel(NIGHT_OWL);
        long id = send(channel, unique("m"), unique("c"), "Добрый вечер, не приходит письмо с кодом")
                .json().get("conversationId").asLong();
        String admin = tokenOf(newAdmin());
        JsonNode messages = await("/api/v1/conversations/" + id + "/messages", admin,
                m -> m.toString().contains("ответим"));
        assertThat(messages.toString()).contains("в 03:00").doesNotContain("{time}");
    }

    @Test
    void aBurstOfConversationsIsCountedOnceEachWithItsAssignee() throws Exception {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        org.otklik.server.agent.Agent agent = newAgent(40, dept);
        String token = goOnline(agent);
        // 40 users at once: their rows are made and their assignments written by the projection in batches
        java.util.List<java.util.concurrent.Future<Long>> sent = new java.util.ArrayList<>();
        try (var users = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 40; i++) {
                sent.add(users.submit(() -> send(channel, unique("m"), unique("c"), "Не проходит оплата картой")
                        .json().get("conversationId").asLong()));
            }
        }
        java.util.List<Long> ids = new java.util.ArrayList<>();
        for (var f : sent) {
            ids.add(f.get());
        }
        String in = String.join(",", ids.stream().map(String::valueOf).toList());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc
                .queryForObject("select count(*) from report_conversation where agent_id = ? and conversation_id in ("
                        + in + ")", Integer.class, agent.id())).isEqualTo(40));
        LocalDate day = clock.instant().atZone(properties.zone()).toLocalDate();
        JsonNode row = rowOf(api.get("/api/v1/reports?from=" + day.minusDays(1) + "&to=" + day.plusDays(1)
                + "&by=department", token).json(), "department", dept);
        assertThat(row.get("received").asInt()).isEqualTo(40);
    }
}
