package org.otklik.server.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.otklik.server.agent.Agent;
import org.otklik.server.shared.Secrets;
import org.otklik.server.support.Api;
import org.otklik.server.support.PostgresIT;
import org.otklik.server.support.TestMail;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Escalations against the real database and a real SMTP server: to the lead by e-mail; to PR and developers by a
 * read-only link that masks personal data, escapes what users wrote, and stops working when revoked or expired;
 * refusals that name the field; feature requests suggested, tagged and summarised by topic for the month.
 */
class EscalationsIT extends PostgresIT {

    static final String PHONE = "+7 912 345-67-89";
    static final String HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>";
    private static final Pattern LINK = Pattern.compile("https?://\\S+/shared/(otk_sh_[A-Za-z0-9_-]+)");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    FeatureRequestMailer featureRequestMailer;
    @Autowired
    FeatureRequests featureRequests;

    private final HttpClient http = HttpClient.newHttpClient();

    record Case(String dept, TestChannel channel, Agent agent, String token, long conversation) {
    }

    /** A conversation in a new department, with an agent of that department (who may see it). */
    private Case conversation(String... texts) {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        String contact = unique("c");
        long id = 0;
        for (String text : texts) {
            Api.Response r = send(channel, unique("m"), contact, text);
            assertThat(r.status()).as(r.body()).isEqualTo(202);
            id = r.json().get("conversationId").asLong();
        }
        Agent agent = newAgent(4, dept);
        return new Case(dept, channel, agent, tokenOf(agent), id);
    }

    private Api.Response escalate(Case c, String to, String note) {
        return api.post("/api/v1/conversations/" + c.conversation() + "/escalations", c.token(),
                Map.of("to", to, "note", note));
    }

    private static MimeMessage mailTo(String recipient, String subjectPart) throws Exception {
        Instant until = Instant.now().plusSeconds(10);
        while (Instant.now().isBefore(until)) {
            for (MimeMessage m : TestMail.received()) {
                if (m.getSubject().contains(subjectPart) && m.getAllRecipients()[0].toString().equals(recipient)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + recipient + " about " + subjectPart);
    }

    private static String tokenIn(MimeMessage mail) throws Exception {
        Matcher m = LINK.matcher((String) mail.getContent());
        assertThat(m.find()).as("a link in the mail").isTrue();
        return m.group(1);
    }

    private HttpResponse<String> shared(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/shared/" + token)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void escalatingToTheLeadMailsTheDepartmentLeadAndShowsInTheConversationsTimeline() throws Exception {
        Case c = conversation("Третий раз пишу, деньги так и не вернули. Буду жаловаться.");
        Api.Response r = escalate(c, "lead", "Клиент ждёт возврат 10 дней, нужен ваш ответ");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("state").asString()).isEqualTo("sent");
        assertThat(r.json().get("recipients").get(0).asString()).isEqualTo(TestMail.ESCALATION_RECIPIENT);

        MimeMessage mail = mailTo(TestMail.ESCALATION_RECIPIENT, "#" + c.conversation());
        assertThat((String) mail.getContent()).contains("Клиент ждёт возврат 10 дней")
                .contains("/workspace?open=" + c.conversation());

        JsonNode list = api.get("/api/v1/conversations/" + c.conversation() + "/escalations", c.token()).json();
        assertThat(list.size()).isEqualTo(1);
        assertThat(list.get(0).get("to").asString()).isEqualTo("lead");
        JsonNode timeline = api.get("/api/v1/conversations/" + c.conversation() + "/timeline", c.token()).json();
        List<String> types = new ArrayList<>();
        timeline.forEach(e -> types.add(e.get("type").asString() + ":" + e.get("detail").asString()));
        assertThat(types).contains("escalated:lead");
        // a lead escalation is an e-mail: there is no link to revoke
        assertThat(api.post("/api/v1/escalations/" + r.json().get("id").asLong() + "/revoke", c.token(), Map.of())
                .status()).isEqualTo(409);
    }

    @Test
    void escalatingToPrMailsALinkToAReadOnlyPageWithPersonalDataMaskedAndUsersTextEscaped() throws Exception {
        Case c = conversation("Ваш курьер нахамил, перезвоните мне " + PHONE, HOSTILE);
        String note = "Клиент грозит написать в СМИ <b>срочно</b>";
        Api.Response r = escalate(c, "pr", note);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("state").asString()).isEqualTo("active");
        assertThat(r.body()).doesNotContain("otk_sh_");
        long id = r.json().get("id").asLong();

        MimeMessage mail = mailTo(TestMail.PR_RECIPIENT, "#" + c.conversation());
        assertThat((String) mail.getContent()).contains(note).contains("/shared/");
        String token = tokenIn(mail);
        // only the hash is kept
        assertThat(jdbc.queryForObject("select token_hash from escalation where id = ?", String.class, id))
                .isEqualTo(Secrets.sha256(token));

        HttpResponse<String> page = shared(token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.headers().firstValue("X-Robots-Tag").orElse("")).contains("noindex");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'");
        String html = page.body();
        assertThat(html).contains("Клиент грозит написать в СМИ &lt;b&gt;срочно&lt;/b&gt;")
                .contains("Тест Агентов") // who escalated
                .contains("Ваш курьер нахамил, перезвоните мне [phone]").doesNotContain("345-67-89")
                .contains("&lt;script&gt;alert(").doesNotContain("<script").doesNotContain("<img")
                .doesNotContain("<form").doesNotContain("Мария"); // nor the user's name

        // someone else in the department may not revoke it; the escalating agent may, and the link dies at once
        Agent colleague = newAgent(4, c.dept());
        assertThat(api.post("/api/v1/escalations/" + id + "/revoke", tokenOf(colleague), Map.of()).status())
                .isEqualTo(403);
        Api.Response revoked = api.post("/api/v1/escalations/" + id + "/revoke", c.token(), Map.of());
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
        assertThat(revoked.json().get("state").asString()).isEqualTo("revoked");
        HttpResponse<String> gone = shared(token);
        assertThat(gone.statusCode()).isEqualTo(404);
        assertThat(gone.body()).doesNotContain("345-67-89").doesNotContain("СМИ");
    }

    @Test
    void aShareToDevelopersExpiresAfterTheConfiguredDaysAndUnknownLinksAreNotFound() throws Exception {
        Case c = conversation("Приложение падает при открытии истории заказов, Android 14");
        assertThat(escalate(c, "developers", "Воспроизводится у нескольких, логи в заметке").status())
                .isEqualTo(201);
        String token = tokenIn(mailTo(TestMail.DEVELOPERS_RECIPIENT, "#" + c.conversation()));
        assertThat(shared(token).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofDays(13));
        assertThat(shared(token).statusCode()).isEqualTo(200);
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(shared(token).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/v1/conversations/" + c.conversation() + "/escalations", tokenOf(c.agent())).json()
                .get(0).get("state").asString()).isEqualTo("expired");

        assertThat(shared("otk_sh_" + "A".repeat(43)).statusCode()).isEqualTo(404);
        assertThat(shared("nonsense").statusCode()).isEqualTo(404);
        assertThat(shared("otk_sh_%3Cscript%3E").statusCode()).isEqualTo(404);
        assertThat(shared("x".repeat(3000)).statusCode()).isEqualTo(404);
    }

    @Test
    void refusalsNameTheFieldAndAgentsOfOtherDepartmentsCannotEscalate() {
        Case c = conversation("Не приходит код подтверждения");
        String path = "/api/v1/conversations/" + c.conversation() + "/escalations";
        Api.Response noNote = api.post(path, c.token(), Map.of("to", "pr", "note", "   "));
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.json().get("field").asString()).isEqualTo("note");
        Api.Response missingNote = api.post(path, c.token(), Map.of("to", "lead"));
        assertThat(missingNote.json().get("field").asString()).isEqualTo("note");
        Api.Response unknownTo = api.post(path, c.token(), Map.of("to", "ceo", "note", "Пусть посмотрит"));
        assertThat(unknownTo.status()).isEqualTo(400);
        assertThat(unknownTo.json().get("field").asString()).isEqualTo("to");
        Api.Response longNote = api.post(path, c.token(), Map.of("to", "pr", "note", "я".repeat(2001)));
        assertThat(longNote.json().get("field").asString()).isEqualTo("note");

        String outsider = tokenOf(newAgent(4, newDepartment()));
        assertThat(api.post(path, outsider, Map.of("to", "pr", "note", "Посмотрите")).status()).isEqualTo(403);
        assertThat(api.get(path, outsider).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/conversations/" + c.conversation() + "/feature-request", outsider,
                Map.of("topic", "тёмная тема")).status()).isEqualTo(403);
        assertThat(api.post("/api/v1/conversations/999999999/escalations", c.token(),
                Map.of("to", "pr", "note", "Посмотрите")).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/escalations/999999999/revoke", c.token(), Map.of()).status()).isEqualTo(404);
        assertThat(api.get(path, null).status()).isEqualTo(401);
        // nothing was recorded by the refusals
        assertThat(jdbc.queryForObject("select count(*) from escalation where conversation_id = ?", Integer.class,
                c.conversation())).isZero();

        String topic = "/api/v1/conversations/" + c.conversation() + "/feature-request";
        assertThat(api.post(topic, c.token(), Map.of("topic", " ")).json().get("field").asString())
                .isEqualTo("topic");
        assertThat(api.post(topic, c.token(), Map.of("topic", "т".repeat(81))).json().get("field").asString())
                .isEqualTo("topic");
        Api.Response badMonth = api.get("/api/v1/feature-requests/summary?month=ноябрь", c.token());
        assertThat(badMonth.status()).isEqualTo(400);
        assertThat(badMonth.json().get("field").asString()).isEqualTo("month");
    }

    @Test
    void featureRequestsAreSuggestedTaggedAndSummarisedByTopicForTheMonth() throws Exception {
        String word = unique("виджет");
        Case asks = conversation("Здравствуйте! Добавьте пожалуйста тёмную тему в " + word + ", звоните "
                + PHONE);
        Case complains = conversation("Не могу войти, пишет что пароль неверный");
        JsonNode suggested = api.get("/api/v1/conversations/" + asks.conversation() + "/feature-request",
                asks.token()).json();
        assertThat(suggested.get("suggested").asBoolean()).isTrue();
        assertThat(suggested.get("tag") == null || suggested.get("tag").isNull()).isTrue();
        assertThat(suggested.get("quote").asString()).contains("[phone]").doesNotContain("345-67-89");
        assertThat(api.get("/api/v1/conversations/" + complains.conversation() + "/feature-request",
                complains.token()).json().get("suggested").asBoolean()).isFalse();

        String topic = "/api/v1/conversations/%d/feature-request";
        Api.Response tagged = api.post(topic.formatted(asks.conversation()), asks.token(),
                Map.of("topic", "  Тёмная тема  для " + word + " "));
        assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
        assertThat(tagged.json().get("tag").get("topic").asString()).isEqualTo("Тёмная тема для " + word);
        api.post(topic.formatted(complains.conversation()), complains.token(),
                Map.of("topic", "ТЕМНАЯ   тема для " + word.toUpperCase()));
        Case third = conversation("Было бы здорово, если бы у вас была ночная тема");
        api.post(topic.formatted(third.conversation()), third.token(), Map.of("topic", "тёмная тема для " + word + "!"));
        Case other = conversation("Please add CSV export");
        api.post(topic.formatted(other.conversation()), other.token(), Map.of("topic", "Экспорт " + word));

        String month = featureRequests.currentMonth().toString();
        JsonNode summary = api.get("/api/v1/feature-requests/summary?month=" + month, asks.token()).json();
        assertThat(summary.get("month").asString()).isEqualTo(month);
        int dark = -1;
        int export = -1;
        for (int i = 0; i < summary.get("topics").size(); i++) {
            String t = summary.get("topics").get(i).get("topic").asString();
            if (t.toLowerCase().replace('ё', 'е').startsWith("темная тема для " + word)) {
                assertThat(dark).as("one group for every spelling").isEqualTo(-1);
                dark = i;
            } else if (t.equals("Экспорт " + word)) {
                export = i;
            }
        }
        assertThat(dark).isNotNegative();
        assertThat(export).isGreaterThan(dark);
        JsonNode group = summary.get("topics").get(dark);
        assertThat(group.get("conversations").asInt()).isEqualTo(3);
        assertThat(group.get("departments").size()).isEqualTo(3);
        assertThat(group.get("channels").size()).isEqualTo(3);
        assertThat(group.get("examples").size()).isEqualTo(3);
        assertThat(group.get("examples").toString()).contains("Добавьте пожалуйста тёмную тему")
                .contains("[phone]").doesNotContain("345-67-89").contains("ночная тема");

        // the product team's monthly mail
        assertThat(featureRequestMailer.send(featureRequests.currentMonth())).isTrue();
        assertThat(featureRequestMailer.send(featureRequests.currentMonth())).as("once a month").isFalse();
        String text = (String) mailTo(TestMail.PRODUCT_RECIPIENT, month).getContent();
        assertThat(text).contains("Тёмная тема для " + word + " — 3 обр.").doesNotContain("345-67-89");
    }
}
