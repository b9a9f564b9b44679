package org.otklik.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.otklik.server.support.Api;
import org.otklik.server.support.PostgresIT;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * The ad moderation queue over real HTTP on PostgreSQL: the ad platform submits (idempotently) and polls with its
 * channel token; moderators take the oldest first and approve or reject with a reason template; others are refused.
 */
class AdModerationIT extends PostgresIT {

    @Autowired
    MeterRegistry meters;

    private TestChannel platform;
    private String moderator;
    private long moderatorId;

    @BeforeEach
    void platformAndModerator() {
        platform = newApiChannel(newDepartment());
        var agent = newAgent(2, AdModeration.SKILL);
        moderatorId = agent.id();
        moderator = tokenOf(agent);
    }

    static Map<String, Object> application(String externalId, String title) {
        Map<String, Object> body = new HashMap<>();
        body.put("externalId", externalId);
        body.put("advertiserId", "adv-42");
        body.put("advertiserName", "ООО «Ромашка»");
        body.put("title", title);
        body.put("text", "Лучшие цены на цветы. Доставка за час.");
        body.put("landingUrl", "https://romashka.example/sale");
        body.put("imageUrl", "https://cdn.romashka.example/banner.png");
        return body;
    }

    private long submit(String title) {
        Api.Response r = api.post("/api/v1/ad-applications", platform.token(), application(unique("ad"), title));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private Api.Response decide(long id, String token, Map<String, Object> decision) {
        return api.post("/api/v1/ad-applications/" + id + "/decision", token, decision);
    }

    private static String field(Api.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        return r.json().get("field").asString();
    }

    private static List<Long> ids(JsonNode list) {
        List<Long> ids = new ArrayList<>();
        list.forEach(a -> ids.add(a.get("id").asLong()));
        return ids;
    }

    @Test
    void aRepeatedSubmissionReturnsTheStoredApplicationAndBadInputIsRefusedNamingTheField() {
        String externalId = unique("ad");
        Api.Response first = api.post("/api/v1/ad-applications", platform.token(), application(externalId, "Цветы"));
        assertThat(first.status()).as(first.body()).isEqualTo(201);
        assertThat(first.json().get("status").asString()).isEqualTo("pending");
        Api.Response again = api.post("/api/v1/ad-applications", platform.token(),
                application(externalId, "Цветы, второй раз"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("id").asLong()).isEqualTo(first.json().get("id").asLong());
        assertThat(again.json().get("title").asString()).isEqualTo("Цветы");
        // the same id from another platform is another application
        TestChannel other = newApiChannel(newDepartment());
        Api.Response elsewhere = api.post("/api/v1/ad-applications", other.token(), application(externalId, "Цветы"));
        assertThat(elsewhere.status()).isEqualTo(201);
        assertThat(elsewhere.json().get("id").asLong()).isNotEqualTo(first.json().get("id").asLong());

        Map<String, Object> body = application(unique("ad"), "Цветы");
        body.remove("externalId");
        assertThat(field(api.post("/api/v1/ad-applications", platform.token(), body))).isEqualTo("externalId");
        body = application(unique("ad"), " ");
        assertThat(field(api.post("/api/v1/ad-applications", platform.token(), body))).isEqualTo("title");
        body = application(unique("ad"), "Цветы");
        body.put("landingUrl", "javascript:alert(1)");
        assertThat(field(api.post("/api/v1/ad-applications", platform.token(), body))).isEqualTo("landingUrl");
        body = application(unique("ad"), "Цветы");
        body.put("imageUrl", "data:image/png;base64,AAAA");
        assertThat(field(api.post("/api/v1/ad-applications", platform.token(), body))).isEqualTo("imageUrl");
        body = application(unique("ad"), "Цветы");
        body.put("text", "x".repeat(5001));
        assertThat(field(api.post("/api/v1/ad-applications", platform.token(), body))).isEqualTo("text");
        body = application(unique("ad"), "Цветы");
        body.put("advertiserId", 42);
        assertThat(field(api.post("/api/v1/ad-applications", platform.token(), body))).isEqualTo("advertiserId");
        // an agent's token does not submit
        assertThat(api.post("/api/v1/ad-applications", moderator, application(unique("ad"), "Цветы")).status())
                .isEqualTo(403);
    }

    @Test
    void moderatorsSeeTheQueueOldestFirstAndOthersAreRefused() {
        long oldest = submit("Первая");
        clock.advance(Duration.ofSeconds(5));
        long middle = submit("Вторая");
        clock.advance(Duration.ofSeconds(5));
        long newest = submit("Третья");

        List<Long> queue = ids(api.get("/api/v1/ad-applications?status=pending&limit=500", moderator).json());
        assertThat(queue).containsSubsequence(oldest, middle, newest);
        // the platform sees its own applications only
        TestChannel other = newApiChannel(newDepartment());
        assertThat(ids(api.get("/api/v1/ad-applications", other.token()).json())).doesNotContain(oldest);
        assertThat(api.get("/api/v1/ad-applications/" + oldest, other.token()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/ad-applications/" + oldest, platform.token()).status()).isEqualTo(200);

        String support = tokenOf(newAgent(2, newDepartment()));
        assertThat(api.get("/api/v1/ad-applications?status=pending", support).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/ad-applications/" + oldest, support).status()).isEqualTo(403);
        assertThat(decide(oldest, support, Map.of("decision", "approve")).status()).isEqualTo(403);
        // an admin may moderate without the skill
        String admin = tokenOf(newAdmin());
        assertThat(api.get("/api/v1/ad-applications?status=pending", admin).status()).isEqualTo(200);

        assertThat(field(api.get("/api/v1/ad-applications?status=waiting", moderator))).isEqualTo("status");
        assertThat(field(api.get("/api/v1/ad-applications?since=yesterday", moderator))).isEqualTo("since");
        assertThat(field(api.get("/api/v1/ad-applications?limit=0", moderator))).isEqualTo("limit");
        assertThat(api.get("/api/v1/ad-applications/99999999", moderator).status()).isEqualTo(404);
    }

    @Test
    void anApprovalIsFinalAndTheChannelMayNotDecide() {
        long id = submit("Цветы к 8 марта");
        assertThat(decide(id, platform.token(), Map.of("decision", "approve")).status()).isEqualTo(403);
        assertThat(field(decide(id, moderator, Map.of("decision", "maybe")))).isEqualTo("decision");
        assertThat(field(decide(id, moderator, Map.of("decision", "approve", "reason", "misleading"))))
                .isEqualTo("reason");
        double approvedBefore = decisions("approved");

        Api.Response approved = decide(id, moderator, Map.of("decision", "approve"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("approved");
        assertThat(approved.json().get("decidedBy").asLong()).isEqualTo(moderatorId);
        assertThat(decisions("approved")).isEqualTo(approvedBefore + 1);

        Api.Response twice = decide(id, moderator, Map.of("decision", "reject", "reason", "misleading"));
        assertThat(twice.status()).as(twice.body()).isEqualTo(409);
        assertThat(api.get("/api/v1/ad-applications/" + id, platform.token()).json().get("status").asString())
                .isEqualTo("approved");
        assertThat(ids(api.get("/api/v1/ad-applications?status=pending&limit=500", moderator).json()))
                .doesNotContain(id);
    }

    @Test
    void aRejectionSendsTheTemplateRenderedForTheApplicationAndEveryStepIsAudited() {
        Instant before = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        String title = "Скидка 90% <b>только сегодня</b>";
        long id = submit(title);
        assertThat(api.get("/api/v1/ad-applications/" + id, moderator).status()).isEqualTo(200);
        assertThat(field(decide(id, moderator, Map.of("decision", "reject")))).isEqualTo("reason");
        assertThat(field(decide(id, moderator, Map.of("decision", "reject", "reason", "no-such-reason"))))
                .isEqualTo("reason");
        String admin = tokenOf(newAdmin());
        String retired = unique("retired");
        api.post("/api/v1/admin/moderation/reasons", admin, Map.of("key", retired, "title", "Старая",
                "text", "Старая причина", "active", false));
        assertThat(field(decide(id, moderator, Map.of("decision", "reject", "reason", retired)))).isEqualTo("reason");
        double rejectedBefore = decisions("rejected");

        clock.advance(Duration.ofSeconds(1));
        Api.Response rejected = decide(id, moderator, Map.of("decision", "reject", "reason", "landing_unavailable",
                "comment", "Страница отвечает 404."));
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        String sent = "Объявление «" + title + "» не прошло модерацию: страница https://romashka.example/sale не"
                + " открывается или ведёт не туда, о чём говорится в объявлении. Проверьте ссылку и отправьте"
                + " объявление снова.\n\nСтраница отвечает 404.";
        assertThat(rejected.json().get("status").asString()).isEqualTo("rejected");
        assertThat(rejected.json().get("reasonKey").asString()).isEqualTo("landing_unavailable");
        assertThat(rejected.json().get("reasonText").asString()).isEqualTo(sent);
        assertThat(decisions("rejected")).isEqualTo(rejectedBefore + 1);
        assertThat(decide(id, moderator, Map.of("decision", "approve")).status()).isEqualTo(409);

        // the platform learns it by polling
        String since = URLEncoder.encode(before.toString(), StandardCharsets.UTF_8);
        JsonNode polled = api.get("/api/v1/ad-applications?status=rejected&since=" + since, platform.token()).json();
        assertThat(ids(polled)).containsExactly(id);
        assertThat(polled.get(0).get("reasonText").asString()).isEqualTo(sent);
        assertThat(api.get("/api/v1/ad-applications?status=rejected&since="
                + URLEncoder.encode(clock.instant().plusSeconds(1).toString(), StandardCharsets.UTF_8),
                platform.token()).json()).isEmpty();

        JsonNode steps = api.get("/api/v1/ad-applications/" + id + "/steps", moderator).json();
        assertThat(steps).hasSize(3);
        assertThat(steps.get(0).get("kind").asString()).isEqualTo("submitted");
        assertThat(steps.get(1).get("kind").asString()).isEqualTo("viewed");
        assertThat(steps.get(1).get("agentId").asLong()).isEqualTo(moderatorId);
        assertThat(steps.get(2).get("kind").asString()).isEqualTo("rejected");
        assertThat(steps.get(2).get("reasonKey").asString()).isEqualTo("landing_unavailable");
        assertThat(steps.get(2).get("detail").asString()).isEqualTo(sent);
        assertThat(api.get("/api/v1/ad-applications/" + id + "/steps", platform.token()).status()).isEqualTo(403);
    }

    @Test
    void adminsWriteReasonTemplatesAndModeratorsSeeTheActiveOnes() {
        String admin = tokenOf(newAdmin());
        JsonNode seeded = api.get("/api/v1/moderation/reasons", moderator).json();
        List<String> keys = new ArrayList<>();
        seeded.forEach(r -> keys.add(r.get("key").asString()));
        assertThat(keys).contains("misleading", "prohibited", "landing_unavailable", "image_quality");

        String key = unique("adult");
        Map<String, Object> reason = Map.of("key", key, "title", "Контент 18+",
                "text", "Объявление «{title}» от {advertiser} содержит материалы 18+.");
        Api.Response created = api.post("/api/v1/admin/moderation/reasons", admin, reason);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("active").asBoolean()).isTrue();
        assertThat(api.post("/api/v1/admin/moderation/reasons", admin, reason).status()).isEqualTo(409);
        assertThat(field(api.post("/api/v1/admin/moderation/reasons", admin, Map.of("key", "Плохой ключ",
                "title", "x", "text", "y")))).isEqualTo("key");
        assertThat(field(api.post("/api/v1/admin/moderation/reasons", admin, Map.of("key", unique("k"),
                "title", "x", "text", "Здравствуйте, {name}")))).isEqualTo("text");
        assertThat(api.post("/api/v1/admin/moderation/reasons", moderator, Map.of("key", unique("k"),
                "title", "x", "text", "y")).status()).isEqualTo(403);

        long id = submit("Тюльпаны");
        Api.Response rejected = decide(id, moderator, Map.of("decision", "reject", "reason", key));
        assertThat(rejected.json().get("reasonText").asString())
                .isEqualTo("Объявление «Тюльпаны» от ООО «Ромашка» содержит материалы 18+.");

        Api.Response retired = api.put("/api/v1/admin/moderation/reasons/" + key, admin, Map.of("title",
                "Контент 18+", "text", "Другой текст", "active", false));
        assertThat(retired.status()).as(retired.body()).isEqualTo(200);
        JsonNode active = api.get("/api/v1/moderation/reasons", moderator).json();
        active.forEach(r -> assertThat(r.get("key").asString()).isNotEqualTo(key));
        // the decision keeps the text that was sent
        assertThat(api.get("/api/v1/ad-applications/" + id, moderator).json().get("reasonText").asString())
                .contains("материалы 18+");
        assertThat(api.put("/api/v1/admin/moderation/reasons/" + unique("none"), admin, Map.of("title", "x",
                "text", "y", "active", true)).status()).isEqualTo(404);
    }

    private double decisions(String outcome) {
        var counter = meters.find("otklik.moderation.decisions").tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
