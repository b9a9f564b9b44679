package org.otklik.server.moderation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.otklik.server.agent.Agent;
import org.otklik.server.support.Api;
import org.otklik.server.support.Browser;
import org.otklik.server.support.PostgresIT;

/** A moderator rejects an application with a reason template on the workspace page, in a real headless Chromium. */
class ModerationInBrowserIT extends PostgresIT {

    private ChromeDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void openBrowser() {
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aModeratorRejectsWithAReasonTemplateAndTheAdvertisersMarkupStaysText() {
        TestChannel platform = newApiChannel(newDepartment());
        String hostile = "<img src=x onerror=alert(1)>Похудение за 3 дня";
        Map<String, Object> body = AdModerationIT.application(unique("ad"), hostile);
        body.put("text", "<script>document.title='pwned'</script>Гарантия результата!");
        Api.Response submitted = api.post("/api/v1/ad-applications", platform.token(), body);
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(201);
        long id = submitted.json().get("id").asLong();
        Agent moderator = newAgent(2, AdModeration.SKILL);

        Browser.signIn(browser, port, moderator.login(), PASSWORD, "ru");
        wait.until(d -> d.getCurrentUrl().contains("/workspace"));
        assertThat(browser.findElement(By.cssSelector("a[href='/workspace/moderation']")).getText())
                .isEqualTo("Модерация рекламы");
        browser.get("http://127.0.0.1:" + port + "/workspace/moderation?id=" + id);
        WebElement open = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-open='" + id + "']")));
        assertThat(open.findElement(By.cssSelector("[data-test=title]")).getText()).isEqualTo(hostile);
        assertThat(open.findElement(By.cssSelector("[data-test=text]")).getText())
                .startsWith("<script>document.title='pwned'</script>");
        assertThat(open.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.getTitle()).doesNotContain("pwned");
        WebElement landing = open.findElement(By.cssSelector("[data-test=landing]"));
        assertThat(landing.getAttribute("rel")).isEqualTo("noopener noreferrer nofollow");
        assertThat(landing.getAttribute("href")).isEqualTo("https://romashka.example/sale");

        new Select(open.findElement(By.id("reason"))).selectByValue("misleading");
        WebElement preview = open.findElement(By.cssSelector(".reason-preview[data-reason='misleading']"));
        assertThat(preview.isDisplayed()).isTrue();
        assertThat(preview.getText()).contains("Объявление «" + hostile + "» не прошло модерацию");
        assertThat(open.findElement(By.cssSelector(".reason-preview[data-reason='prohibited']")).isDisplayed())
                .as("only the chosen reason's text is shown").isFalse();
        open.findElement(By.name("comment")).sendKeys("Уберите «гарантию результата».");
        Browser.screenshot(browser, "moderation-reject");
        open.findElement(By.cssSelector("[data-test=reject]")).click();
        wait.until(ExpectedConditions.stalenessOf(open));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash")));

        var decided = api.get("/api/v1/ad-applications/" + id, platform.token()).json();
        assertThat(decided.get("status").asString()).isEqualTo("rejected");
        assertThat(decided.get("reasonKey").asString()).isEqualTo("misleading");
        assertThat(decided.get("decidedBy").asLong()).isEqualTo(moderator.id());
        assertThat(decided.get("reasonText").asString()).startsWith("Объявление «" + hostile + "»")
                .endsWith("\n\nУберите «гарантию результата».");
        // decided applications leave the queue; the page shows it as sent, still as text
        browser.get("http://127.0.0.1:" + port + "/workspace/moderation?id=" + id);
        WebElement after = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-open='" + id + "']")));
        assertThat(after.getText()).contains("отклонена").contains("Уберите «гарантию результата».");
        assertThat(after.findElements(By.cssSelector("[data-test=reject]"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("[data-application='" + id + "']"))).isEmpty();
    }

    @Test
    void anAgentWithoutTheSkillIsRefusedThePageAndHasNoLinkToIt() {
        Agent support = newAgent(2, newDepartment());
        Browser.signIn(browser, port, support.login(), PASSWORD, "ru");
        wait.until(d -> d.getCurrentUrl().contains("/workspace"));
        assertThat(browser.findElements(By.cssSelector("a[href='/workspace/moderation']"))).isEmpty();
        browser.get("http://127.0.0.1:" + port + "/workspace/moderation");
        assertThat(browser.getPageSource()).contains("403");
        assertThat(browser.findElements(By.cssSelector("[data-test=queue]"))).isEmpty();
    }
}
