package org.otklik.server.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.otklik.server.agent.Agent;
import org.otklik.server.channel.ChannelType;
import org.otklik.server.channel.CreatedChannel;
import org.otklik.server.support.Api;
import org.otklik.server.support.Browser;
import org.otklik.server.support.PostgresIT;
import tools.jackson.databind.JsonNode;

/**
 * Access recovery on a real server and PostgreSQL: the service pushes a profile; a user who cannot log in writes in
 * the web chat, the agent opens a case (the user is asked for a photo), the user uploads one, the agent reviews it
 * against the profile's photos with the fraud signals and decides; every step is in the audit trail. Facts the
 * service promised never to reveal are refused in replies.
 */
class RecoveryIT extends PostgresIT {

    static final String SECRET_SENDER = "Анна Смирнова";

    static byte[] png(Color color) {
        BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 40, 30);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }

    private Map<String, Object> profileBody() {
        return Map.of("displayName", "Мария Иванова", "usualRegion", "Санкт-Петербург",
                "recentPosts", List.of("Сегодня гуляли по набережной, красота", "Кто идёт на концерт в субботу?",
                        "Поздравляю всех с праздником, друзья!"),
                "facts", List.of(
                        Map.of("label", "Город в профиле", "value", "Санкт-Петербург", "neverReveal", false),
                        Map.of("label", "Отправитель тайного подарка", "value", SECRET_SENDER, "neverReveal", true),
                        Map.of("label", "Телефон входа", "value", "+7 912 345-67-89", "neverReveal", true)),
                "photos", List.of(Map.of("base64", Base64.getEncoder().encodeToString(png(Color.BLUE))),
                        Map.of("base64", Base64.getEncoder().encodeToString(png(Color.GREEN)))));
    }

    /** A multipart upload as the web chat's browser sends it. */
    private Api.Response upload(String widgetKey, String visitorToken, String clientMessageId, String name,
                                byte[] data) throws Exception {
        String boundary = "otklik" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"clientMessageId\"\r\n\r\n"
                + clientMessageId + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"" + name + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(data);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/widget/api/" + widgetKey + "/photos"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("X-Visitor-Token", visitorToken)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        return new Api.Response(r.statusCode(), r.body());
    }

    private void awaitAssigned(String token, long conversation) throws InterruptedException {
        Instant until = Instant.now().plusSeconds(10);
        while (!"assigned".equals(api.get("/api/v1/conversations/" + conversation, token).json().get("status")
                .asString())) {
            assertThat(Instant.now()).as("conversation " + conversation + " assigned").isBefore(until);
            Thread.sleep(100);
        }
    }

    private int messageCount(long conversation, String token) {
        return api.get("/api/v1/conversations/" + conversation + "/messages", token).json().size();
    }

    private static List<String> actions(JsonNode audit) {
        List<String> out = new ArrayList<>();
        audit.forEach(a -> out.add(a.get("action").asString()));
        return out;
    }

    @Test
    void aWebChatUserWithoutAnAccountIsRecognisedSideBySideAndEveryStepIsAudited() throws Exception {
        String admin = tokenOf(newAdmin());
        String profileId = unique("vk-id");
        Api.Response pushed = api.put("/api/v1/admin/profiles/" + profileId, admin, profileBody());
        assertThat(pushed.status()).as(pushed.body()).isEqualTo(200);
        assertThat(pushed.json().get("postsLanguage").asString()).isEqualTo("ru");
        assertThat(pushed.json().get("photos").asInt()).isEqualTo(2);

        String dept = newDepartment();
        Agent agent = newAgent(4, dept);
        String agentToken = goOnline(agent);
        CreatedChannel widget = channels.create(null, ChannelType.WIDGET, "Поддержка", dept, false);
        String key = widget.channel().widgetKey();
        String visitor = api.post("/widget/api/" + key + "/visitors", null, Map.of()).json().get("visitorToken")
                .asString();
        Api.Response sent = api.withHeader("POST", "/widget/api/" + key + "/messages", "X-Visitor-Token", visitor,
                Map.of("clientMessageId", "m1", "text", "Hello, I cannot log in to my page, the password does not "
                        + "work and the phone number is lost. Please help me restore access"));
        assertThat(sent.status()).as(sent.body()).isEqualTo(202);
        long conversation = sent.json().get("conversationId").asLong();
        awaitAssigned(agentToken, conversation);

        // the agent opens the case: the user is asked for the photo; a second case waits for the first
        Api.Response opened = api.post("/api/v1/conversations/" + conversation + "/recovery", agentToken,
                Map.of("profileId", profileId));
        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        long caseId = opened.json().get("id").asLong();
        assertThat(opened.json().get("status").asString()).isEqualTo("awaiting");
        assertThat(api.post("/api/v1/conversations/" + conversation + "/recovery", agentToken,
                Map.of("profileId", profileId)).status()).isEqualTo(409);
        JsonNode userView = api.withHeader("GET", "/widget/api/" + key + "/conversation", "X-Visitor-Token", visitor,
                null).json();
        assertThat(userView.get("messages").toString()).contains("экран с открытой страницей");

        // nothing to compare yet: no approval
        Api.Response early = api.post("/api/v1/recovery-cases/" + caseId + "/decision", agentToken,
                Map.of("decision", "approve"));
        assertThat(early.status()).as(early.body()).isEqualTo(409);

        // the user uploads a text file named .png first (refused, nothing stored), then the photo; a repeat stores
        // nothing more
        int stored = messageCount(conversation, agentToken);
        Api.Response notImage = upload(key, visitor, "p0", "photo.png", "<script>x</script>".getBytes(
                StandardCharsets.UTF_8));
        assertThat(notImage.status()).as(notImage.body()).isEqualTo(400);
        assertThat(notImage.json().get("field").asString()).isEqualTo("file");
        assertThat(messageCount(conversation, agentToken)).isEqualTo(stored);
        Api.Response photo = upload(key, visitor, "p1", "me.png", png(Color.RED));
        assertThat(photo.status()).as(photo.body()).isEqualTo(202);
        long photoId = photo.json().get("attachment").get("id").asLong();
        Api.Response again = upload(key, visitor, "p1", "me.png", png(Color.RED));
        assertThat(again.json().get("receipt").get("duplicate").asBoolean()).isTrue();
        assertThat(again.json().get("attachment").get("id").asLong()).isEqualTo(photoId);
        assertThat(upload(key, "bad-token", "p2", "me.png", png(Color.RED)).status()).isEqualTo(400);

        // the review: the user's photo against the profile's two, and the language signal (English vs Russian posts)
        JsonNode review = api.get("/api/v1/recovery-cases/" + caseId, agentToken).json();
        assertThat(review.get("userPhotos")).hasSize(1);
        assertThat(review.get("userPhotos").get(0).get("attachmentId").asLong()).isEqualTo(photoId);
        assertThat(review.get("profile").get("photos").asInt()).isEqualTo(2);
        assertThat(review.get("signals").toString()).contains("\"language\"").doesNotContain("many_requests");
        assertThat(api.bytes("/api/v1/recovery-cases/" + caseId + "/profile-photos/1", agentToken))
                .isEqualTo(Base64.getDecoder().decode(((List<Map<String, String>>) profileBody().get("photos")).get(1)
                        .get("base64")));

        // another department's agent sees nothing of it
        String stranger = tokenOf(newAgent(4, newDepartment()));
        assertThat(api.get("/api/v1/recovery-cases/" + caseId, stranger).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/recovery-cases/" + caseId + "/profile-photos/0", stranger).status())
                .isEqualTo(403);

        // never-reveal facts cannot be sent, however they are written; the refusal names the fact, not its value
        int before = messageCount(conversation, agentToken);
        Api.Response leak = api.post("/api/v1/conversations/" + conversation + "/replies", agentToken,
                Map.of("text", "Подарок вам отправила АННА   смирнова, не переживайте"));
        assertThat(leak.status()).as(leak.body()).isEqualTo(400);
        assertThat(leak.json().get("field").asString()).isEqualTo("text");
        assertThat(leak.json().get("error").asString()).contains("Отправитель тайного подарка")
                .doesNotContain("Смирнова");
        Api.Response phone = api.post("/api/v1/conversations/" + conversation + "/replies", agentToken,
                Map.of("text", "Ваш номер входа 89123456789?"));
        assertThat(phone.status()).as(phone.body()).isEqualTo(400);
        assertThat(messageCount(conversation, agentToken)).isEqualTo(before);
        assertThat(api.get("/api/v1/conversations/" + conversation + "/profile", agentToken).json().get("facts")
                .get(1).get("neverReveal").asBoolean()).isTrue();

        // the decision: a reason is required to refuse; approval tells the user; a second decision is refused
        Api.Response noReason = api.post("/api/v1/recovery-cases/" + caseId + "/decision", agentToken,
                Map.of("decision", "reject"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.json().get("field").asString()).isEqualTo("reason");
        assertThat(api.post("/api/v1/recovery-cases/" + caseId + "/decision", agentToken,
                Map.of("decision", "maybe")).json().get("field").asString()).isEqualTo("decision");
        Api.Response approved = api.post("/api/v1/recovery-cases/" + caseId + "/decision", agentToken,
                Map.of("decision", "approve", "reason", "Фото совпадает с профилем."));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("status").asString()).isEqualTo("approved");
        assertThat(api.post("/api/v1/recovery-cases/" + caseId + "/decision", agentToken,
                Map.of("decision", "reject", "reason", "x")).status()).isEqualTo(409);
        assertThat(api.withHeader("GET", "/widget/api/" + key + "/conversation", "X-Visitor-Token", visitor, null)
                .json().get("messages").toString()).contains("доступ к странице восстановлен");
        assertThat(api.get("/api/v1/recovery-cases?status=approved", agentToken).body()).contains("\"id\":" + caseId);

        JsonNode audit = api.get("/api/v1/recovery-cases/" + caseId + "/audit", agentToken).json();
        assertThat(actions(audit)).containsSubsequence("opened", "photo_requested", "reviewed",
                "profile_photo_viewed", "approved");
        assertThat(audit.get(audit.size() - 1).get("detail").asString()).contains("[" + photoId + "]")
                .contains("language");
        assertThat(audit.get(0).get("agentId").asLong()).isEqualTo(agent.id());
    }

    @Test
    void aProfileAskedForFromManyPlacesRaisesTheSignalsAndBadProfilesAreRefused() throws Exception {
        String admin = tokenOf(newAdmin());
        String profileId = unique("ok-id");
        assertThat(api.put("/api/v1/admin/profiles/" + profileId, admin, profileBody()).status()).isEqualTo(200);
        String dept = newDepartment();
        Agent agent = newAgent(10, dept);
        String agentToken = goOnline(agent);
        TestChannel channel = newApiChannel(dept);
        List<Long> cases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Api.Response r = api.post("/api/v1/inbound", channel.token(), Map.of("externalId", unique("m"),
                    "contact", Map.of("externalId", unique("c"), "region", "Новосибирск"),
                    "text", "Не могу войти на страницу, взломали, помогите восстановить доступ"));
            long conversation = r.json().get("conversationId").asLong();
            awaitAssigned(agentToken, conversation);
            cases.add(api.post("/api/v1/conversations/" + conversation + "/recovery", agentToken,
                    Map.of("profileId", profileId)).json().get("id").asLong());
        }
        JsonNode first = api.get("/api/v1/recovery-cases/" + cases.get(0), agentToken).json();
        assertThat(first.get("signals").toString()).contains("\"region\"").contains("Новосибирск")
                .doesNotContain("\"language\"");
        JsonNode third = api.get("/api/v1/recovery-cases/" + cases.get(2), agentToken).json();
        assertThat(third.get("signals").toString()).contains("many_requests").contains("3 recovery requests")
                .contains("from 3 contacts");

        // refusals name the field; the stored profile is untouched by them
        Map<String, Object> notAnImage = new java.util.HashMap<>(profileBody());
        notAnImage.put("photos", List.of(Map.of("base64", Base64.getEncoder().encodeToString(
                "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8)))));
        Api.Response refused = api.put("/api/v1/admin/profiles/" + profileId, admin, notAnImage);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("field").asString()).isEqualTo("photos[0]");
        Map<String, Object> noName = new java.util.HashMap<>(profileBody());
        noName.remove("displayName");
        assertThat(api.put("/api/v1/admin/profiles/" + profileId, admin, noName).json().get("field").asString())
                .isEqualTo("displayName");
        assertThat(api.put("/api/v1/admin/profiles/" + profileId, agentToken, profileBody()).status())
                .isEqualTo(403);
        assertThat(api.post("/api/v1/conversations/" + first.get("recoveryCase").get("conversationId").asLong()
                + "/recovery", agentToken, Map.of("profileId", "no-such-profile")).json().get("field").asString())
                .isEqualTo("profileId");
        JsonNode kept = api.get("/api/v1/recovery-cases/" + cases.get(0), agentToken).json().get("profile");
        assertThat(kept.get("photos").asInt()).isEqualTo(2);
        assertThat(kept.get("displayName").asString()).isEqualTo("Мария Иванова");
    }

    @Test
    void inTheBrowserTheUserSendsThePhotoAndTheAgentComparesAndRefusesWithAReason() throws Exception {
        String admin = tokenOf(newAdmin());
        String profileId = unique("vk-id");
        api.put("/api/v1/admin/profiles/" + profileId, admin, profileBody());
        String dept = newDepartment();
        Agent agent = newAgent(4, dept);
        CreatedChannel widget = channels.create(null, ChannelType.WIDGET, "Поддержка", dept, false);
        Path photo = Files.createTempFile("me", ".png");
        Files.write(photo, png(Color.ORANGE));
        ChromeDriver browser = Browser.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        try {
            String base = "http://127.0.0.1:" + port;
            browser.get(base + "/widget/" + widget.channel().widgetKey());
            String userTab = browser.getWindowHandle();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("chat-input")))
                    .sendKeys("Не могу зайти на страницу <b>никак</b>");
            browser.findElement(By.id("chat-send")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".bubble.in")));

            browser.switchTo().newWindow(WindowType.TAB);
            String agentTab = browser.getWindowHandle();
            Browser.signIn(browser, port, agent.login(), PASSWORD, "ru");
            wait.until(ExpectedConditions.elementToBeClickable(By.id("presence-online"))).click();
            wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[data-test='mine'] a"))).click();
            WebElement panel = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-test='profile-panel'] input[name='profileId']")));
            panel.sendKeys(profileId);
            browser.findElement(By.id("open-recovery")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='case-status']")));
            assertThat(browser.findElements(By.cssSelector("[data-test='profile-photo']"))).hasSize(2);
            String caseUrl = browser.getCurrentUrl();

            // the user sees the request and sends the photo from the web chat
            browser.switchTo().window(userTab);
            wait.until(d -> d.findElements(By.cssSelector(".bubble.out")).stream()
                    .anyMatch(b -> b.getText().contains("экран с открытой страницей")));
            browser.findElement(By.id("chat-photo")).sendKeys(photo.toString());
            wait.until(d -> d.findElements(By.cssSelector(".bubble.in")).size() == 2);

            // the agent compares side by side: every image really loads
            browser.switchTo().window(agentTab);
            browser.get(caseUrl);
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-test='user-photo']")));
            wait.until(d -> d.findElements(By.cssSelector("[data-test='compare'] img")).stream()
                    .allMatch(img -> Long.parseLong(img.getDomProperty("naturalWidth")) == 40));
            assertThat(browser.findElements(By.cssSelector("[data-test='compare'] img"))).hasSize(3);
            Browser.screenshot(browser, "recovery-compare");
            browser.findElement(By.id("reject-reason")).sendKeys("Лицо на фото не совпадает с фото профиля <i>x</i>");
            browser.findElement(By.id("reject")).click();
            wait.until(ExpectedConditions.textToBe(By.cssSelector("[data-test='case-status']"), "отказано"));
            assertThat(browser.getPageSource()).contains("&lt;i&gt;x&lt;/i&gt;");
            assertThat(browser.findElement(By.cssSelector("[data-test='audit']")).getText()).contains("rejected");

            // back in the conversation: the never-reveal fact is marked and cannot be selected; a reply with it fails
            browser.get(base + "/workspace?open=" + api.get("/api/v1/recovery-cases?status=rejected",
                    tokenOf(agent)).json().get(0).get("conversationId").asLong());
            WebElement secret = wait.until(ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("[data-test='never-reveal'] .secret")));
            assertThat(secret.getCssValue("user-select")).isEqualTo("none");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("reply-text")))
                    .sendKeys("Подарок прислала " + SECRET_SENDER);
            browser.findElement(By.id("send-reply")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("pane-error"),
                    "Отправитель тайного подарка"));
        } finally {
            browser.quit();
            Files.deleteIfExists(photo);
        }
    }
}
