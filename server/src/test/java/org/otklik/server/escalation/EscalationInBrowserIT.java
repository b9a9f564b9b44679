package org.otklik.server.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.otklik.server.agent.Agent;
import org.otklik.server.support.Browser;
import org.otklik.server.support.PostgresIT;
import org.otklik.server.support.TestMail;

/**
 * In a real headless Chromium: the conversation page suggests the feature-request tag, the agent tags it and
 * escalates to developers from the page (CSRF-protected forms), and the developers' link opens read-only.
 */
class EscalationInBrowserIT extends PostgresIT {

    @Test
    void anAgentTagsAFeatureRequestAndEscalatesToDevelopersFromTheConversationPage() throws Exception {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        long id = send(channel, unique("m"), unique("c"), "Сделайте возможность оплаты частями, очень не хватает")
                .json().get("conversationId").asLong();
        Agent agent = newAgent(4, dept);
        ChromeDriver browser = Browser.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(15));
            wait.ignoring(StaleElementReferenceException.class);
            Browser.signIn(browser, port, agent.login(), PASSWORD, "ru");
            wait.until(d -> d.getCurrentUrl().contains("/workspace"));
            browser.get("http://127.0.0.1:" + port + "/workspace?open=" + id);
            wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-test=feature-request-suggested]")));

            browser.findElement(By.id("feature-request-topic")).sendKeys("Оплата частями");
            browser.findElement(By.cssSelector("#feature-request-form button")).click();
            wait.until(d -> d.findElement(By.cssSelector("[data-test=feature-request-tag]")).getText()
                    .contains("Оплата частями"));

            new Select(browser.findElement(By.id("escalate-to"))).selectByValue("developers");
            browser.findElement(By.id("escalate-note")).sendKeys("Просят часто, посмотрите <i>срочно</i>");
            browser.findElement(By.id("escalate-send")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("[data-test=escalation][data-to=developers][data-state=active]")));
            assertThat(browser.findElement(By.cssSelector("[data-test=escalation-note]")).getText())
                    .isEqualTo("Просят часто, посмотрите <i>срочно</i>");
            Browser.screenshot(browser, "escalation-panel");

            // the escalation is a step of the conversation's timeline
            browser.navigate().refresh();
            wait.until(d -> d.findElements(By.cssSelector("#thread .event")).stream()
                    .anyMatch(e -> e.getText().contains("Эскалировано")));

            browser.findElement(By.linkText("Пожелания")).click();
            wait.until(d -> d.findElements(By.cssSelector("[data-test=topic]")).stream()
                    .anyMatch(row -> row.getText().contains("Оплата частями")
                            && row.getText().contains("Сделайте возможность оплаты частями")));
            Browser.screenshot(browser, "feature-requests");

            MimeMessage mail = null;
            Instant until = Instant.now().plusSeconds(10);
            while (mail == null && Instant.now().isBefore(until)) {
                mail = TestMail.received().stream().filter(m -> {
                    try {
                        return m.getSubject().contains("#" + id)
                                && m.getAllRecipients()[0].toString().equals(TestMail.DEVELOPERS_RECIPIENT);
                    } catch (Exception e) {
                        return false;
                    }
                }).findFirst().orElse(null);
                Thread.sleep(100);
            }
            assertThat(mail).as("the developers' mail").isNotNull();
            var link = java.util.regex.Pattern.compile("https?://\\S+/shared/\\S+").matcher((String) mail.getContent());
            assertThat(link.find()).isTrue();

            browser.get(link.group());
            String page = browser.findElement(By.cssSelector("[data-test=shared]")).getText();
            assertThat(page).contains("Сделайте возможность оплаты частями").contains("Просят часто");
            assertThat(browser.findElements(By.tagName("form"))).isEmpty();
            assertThat(browser.findElements(By.tagName("button"))).isEmpty();
            Browser.screenshot(browser, "escalation-shared");
        } finally {
            browser.quit();
        }
    }
}
