package org.otklik.server.agentdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.support.ui.Select;
import org.otklik.server.agent.Agent;
import org.otklik.server.cannedreply.CannedReplies;
import org.otklik.server.channel.ChannelType;
import org.otklik.server.channel.CreatedChannel;
import org.otklik.server.support.Browser;
import org.otklik.server.support.PostgresIT;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The main flow in a real headless Chromium: a user writes in the web chat without logging in anywhere, an agent
 * signs in, goes online, answers, proposes a resolution; the user confirms and rates; the agent sees the rating.
 */
class ConversationInBrowserIT extends PostgresIT {

    @Autowired
    CannedReplies cannedReplies;

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

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private WebElement visible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    @Test
    void aVisitorWhoStopsWaitingLeavesTheQueueAndIsNotAskedForARating() {
        String dept = newDepartment();
        CreatedChannel widget = channels.create(null, ChannelType.WIDGET, "Поддержка", dept, false);
        browser.get(base() + "/widget/" + widget.channel().widgetKey());
        visible(By.id("chat-input")).sendKeys("Жду оператора уже полчаса");
        browser.findElement(By.id("chat-send")).click();
        visible(By.id("chat-leave")).click();
        wait.until(d -> d.findElement(By.id("chat-status")).getText().contains("обращение закрыто"));
        assertThat(browser.findElements(By.id("chat-leave"))).isEmpty();
        assertThat(browser.findElements(By.id("csat-5"))).as("no rating asked of someone who left").isEmpty();
        Browser.screenshot(browser, "widget-left");
    }

    @Test
    void userWritesInTheWidgetAndTheAgentAnswersResolvesAndSeesTheRating() {
        String dept = newDepartment();
        CreatedChannel widget = channels.create(null, ChannelType.WIDGET, "Поддержка Примера", dept, false);
        Agent agent = newAgent(4, dept);
        String hostile = "<img src=x onerror=alert(1)> не могу войти";

        // the user, in the widget
        browser.get(base() + "/widget/" + widget.channel().widgetKey());
        String userTab = browser.getWindowHandle();
        visible(By.id("chat-name")).sendKeys("Ольга");
        browser.findElement(By.id("chat-input")).sendKeys(hostile);
        browser.findElement(By.id("chat-send")).click();
        visible(By.cssSelector(".bubble[data-kind='wait_notice']"));
        assertThat(browser.findElement(By.cssSelector(".bubble.in")).getText()).isEqualTo(hostile);
        assertThat(browser.findElements(By.cssSelector(".bubble img"))).isEmpty();

        // the agent, in the workspace
        browser.switchTo().newWindow(WindowType.TAB);
        String agentTab = browser.getWindowHandle();
        browser.get(base() + "/workspace");
        visible(By.id("username")).sendKeys(agent.login());
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        visible(By.id("presence-online")).click();
        WebElement item = visible(By.cssSelector("[data-test='mine'] a"));
        assertThat(item.getText()).contains("Ольга");
        item.click();
        WebElement incoming = visible(By.cssSelector("#thread .msg[data-direction='in']"));
        assertThat(incoming.getText()).contains(hostile);
        assertThat(browser.findElements(By.cssSelector("#thread img"))).isEmpty();
        Browser.screenshot(browser, "workspace-conversation");

        visible(By.id("reply-text")).sendKeys("Здравствуйте, Ольга! Сбросили вам пароль, попробуйте войти.");
        browser.findElement(By.id("send-reply")).click();
        wait.until(d -> d.findElements(By.cssSelector("#thread .msg[data-direction='out']")).size() == 1);
        wait.until(d -> d.findElement(By.id("reply-text")).getAttribute("value").isEmpty());
        visible(By.id("propose-resolution")).click();
        wait.until(d -> d.findElement(By.cssSelector("[data-test='status']")).getAttribute("data-status")
                .equals("resolution_proposed"));

        // the user sees the answer, confirms and rates
        browser.switchTo().window(userTab);
        wait.until(d -> d.findElements(By.cssSelector(".bubble.out")).stream()
                .anyMatch(b -> b.getText().contains("Сбросили вам пароль")));
        visible(By.id("confirm-yes")).click();
        visible(By.id("csat-5")).click();
        visible(By.cssSelector(".thanks"));
        Browser.screenshot(browser, "widget-rated");

        // the agent sees the rating arrive live
        browser.switchTo().window(agentTab);
        WebElement rating = visible(By.cssSelector("[data-test='csat'] [data-csat='5']"));
        assertThat(rating.getText()).contains("5/5");
        wait.until(d -> !d.findElements(By.cssSelector("[data-test='recent'] [data-csat='5']")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("[data-test='status']")).getAttribute("data-status"))
                .isEqualTo("closed");
        Browser.screenshot(browser, "workspace-rated");
    }

    @Test
    void theAgentSeesWhatTriageReadTakesTheSuggestedReplyAndCorrectsTheLabels() {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        Agent agent = newAgent(4, dept);
        cannedReplies.create("Вежливо о грубости", "{{contact.name}}, понимаем ваше раздражение. Разберёмся.", dept,
                "profanity");
        cannedReplies.create("Сброс пароля", "Здравствуйте, {{contact.name}}! Сбросили вам пароль.", dept);
        send(channel, unique("m"), unique("user"), "бл*ть опять не могу войти в аккаунт, пароль не подходит");

        browser.get(base() + "/workspace");
        visible(By.id("username")).sendKeys(agent.login());
        browser.findElement(By.id("password")).sendKeys(PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        visible(By.id("presence-online")).click();
        visible(By.cssSelector("[data-test='mine'] a")).click();

        WebElement labels = visible(By.cssSelector("[data-test='triage']"));
        assertThat(labels.getAttribute("data-kind")).isEqualTo("problem");
        assertThat(labels.findElements(By.cssSelector(".badge.warn"))).as("the swearing badge").hasSize(1);

        visible(By.cssSelector("[data-test='suggestions'] .suggestion")).click();
        wait.until(d -> d.findElement(By.id("reply-text")).getAttribute("value")
                .equals("Мария, понимаем ваше раздражение. Разберёмся."));
        new Select(browser.findElement(By.id("canned-select"))).selectByVisibleText("Сброс пароля");
        wait.until(d -> d.findElement(By.id("reply-text")).getAttribute("value")
                .equals("Здравствуйте, Мария! Сбросили вам пароль."));

        browser.findElement(By.cssSelector("[data-test='triage'] details summary")).click();
        new Select(browser.findElement(By.cssSelector("[data-test='triage'] select[name='kind']")))
                .selectByValue("negative_vague");
        new Select(browser.findElement(By.cssSelector("[data-test='triage'] select[name='department']")))
                .selectByValue("");
        browser.findElement(By.cssSelector("[data-test='triage'] form button[type='submit']")).click();
        wait.until(d -> "negative_vague".equals(d.findElement(By.cssSelector("[data-test='triage']"))
                .getAttribute("data-kind")));
        Browser.screenshot(browser, "workspace-triage-corrected");
    }
}
