package org.otklik.server.listening;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.otklik.server.agent.Agent;
import org.otklik.server.support.Api;
import org.otklik.server.support.Browser;
import org.otklik.server.support.PostgresIT;

/**
 * The mentions inbox in a real browser: an admin adds a stream on the streams page, a crawler posts, the agent sees
 * the actionable mention first (hostile text shown as text), context mentions collapsed and counted, answers one
 * publicly and closes another with a reason, and the processed share moves.
 */
class MentionsInBrowserIT extends PostgresIT {

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void signIn(String login) {
        Browser.signIn(browser, port, login, PASSWORD, "ru");
    }

    private long post(TestChannel crawler, String text) {
        Api.Response r = api.post("/api/v1/mentions", crawler.token(), Map.of("sourceId", unique("p"),
                "source", "ok_comment", "text", text, "author", Map.of("externalId", unique("ok"), "name",
                        "Пётр <script>alert(1)</script>")));
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        return r.json().get("mentionId").asLong();
    }

    @Test
    void anAgentAnswersTheActionableMentionsFirstAndTheProcessedShareMoves() {
        browser = Browser.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        Agent admin = newAdmin();
        signIn(admin.login());
        wait.until(d -> d.getCurrentUrl().contains("/workspace") && !d.getCurrentUrl().contains("/login"));
        browser.get("http://127.0.0.1:" + port + "/workspace/admin/streams");
        String streamId = unique("brand");
        WebElement form = browser.findElement(By.id("new-stream"));
        form.findElement(By.name("id")).sendKeys(streamId);
        form.findElement(By.name("name")).sendKeys("Магнитобус");
        form.findElement(By.name("terms")).sendKeys("Магнитобус\nmagnitobus.ru");
        form.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash")));
        assertThat(browser.findElements(By.cssSelector("[data-stream='" + streamId + "']"))).hasSize(1);

        TestChannel crawler = newApiChannel(newDepartment());
        long problem = post(crawler, "Магнитобус списал деньги за подписку дважды <img src=x onerror=alert(1)>, верните");
        long second = post(crawler, "Не могу войти в Магнитобус, код из смс не приходит");
        long context = post(crawler, "Сегодня в новостях писали про Магнитобус и его новый офис");
        assertThat(api.get("/api/v1/mentions/" + context, tokenOf(admin)).json().get("actionable").asBoolean())
                .isFalse();

        browser.get("http://127.0.0.1:" + port + "/workspace/mentions?stream=" + streamId);
        WebElement actionable = browser.findElement(By.cssSelector("[data-test='actionable']"));
        List<String> shown = actionable.findElements(By.cssSelector("[data-mention]")).stream()
                .map(e -> e.getAttribute("data-mention")).toList();
        assertThat(shown).containsExactlyInAnyOrder(String.valueOf(problem), String.valueOf(second));
        assertThat(browser.findElement(By.cssSelector("[data-test='context'] summary")).getText())
                .startsWith("Контекстные упоминания: 1");
        assertThat(browser.getPageSource()).doesNotContain("<img src=x").doesNotContain("<script>alert")
                .contains("&lt;img src=x onerror=alert(1)&gt;");

        WebElement card = browser.findElement(By.cssSelector("[data-test='actionable'] [data-mention='" + problem + "']"));
        card.findElement(By.name("text")).sendKeys("Пётр, вернём второй платёж — напишите нам в личные сообщения");
        card.findElement(By.cssSelector("form[action$='/reply'] button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash")));
        WebElement other = browser.findElement(By.cssSelector("[data-test='actionable'] [data-mention='" + second + "']"));
        other.findElement(By.name("reason")).sendKeys("ответили в личных сообщениях");
        other.findElement(By.cssSelector("form[action$='/close'] button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash")));

        browser.get("http://127.0.0.1:" + port + "/workspace/mentions?stream=" + streamId);
        assertThat(browser.findElements(By.cssSelector("[data-test='actionable'] [data-mention]"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("[data-test='handled'] [data-mention]"))).hasSize(2);
        assertThat(browser.findElement(By.cssSelector("[data-test='handled']")).getText())
                .contains("вернём второй платёж").contains("ответили в личных сообщениях");
        assertThat(browser.findElement(By.cssSelector("[data-test='kpi']")).getText())
                .contains("2 из 2").containsPattern("100\\s?%");
        Browser.screenshot(browser, "mentions-inbox");
    }
}
