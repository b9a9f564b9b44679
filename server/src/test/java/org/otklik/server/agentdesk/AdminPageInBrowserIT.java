package org.otklik.server.agentdesk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.otklik.server.agent.Agent;
import org.otklik.server.support.Browser;
import org.otklik.server.support.PostgresIT;

/** An admin manages agents, canned replies and channels in the browser; a plain agent cannot open the page. */
class AdminPageInBrowserIT extends PostgresIT {

    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void signIn(String login) {
        Browser.signIn(browser, port, login, PASSWORD, "en");
    }

    @Test
    void adminCreatesAnAgentACannedReplyAndAChannelInEnglish() {
        browser = Browser.start();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
        String dept = newDepartment();
        Agent admin = newAdmin();
        signIn(admin.login());
        wait.until(d -> d.getCurrentUrl().contains("/workspace") && !d.getCurrentUrl().contains("/login"));
        browser.get("http://127.0.0.1:" + port + "/workspace/admin");
        assertThat(browser.findElement(By.tagName("h2")).getText()).isEqualTo("Agents");

        String login = unique("newbie");
        WebElement create = browser.findElement(By.cssSelector("form[action='/workspace/admin/agents']"));
        create.findElement(By.name("login")).sendKeys(login);
        create.findElement(By.name("displayName")).sendKeys("Новичок <b>Тестов</b>");
        create.findElement(By.name("password")).sendKeys("long-enough-pw");
        create.findElement(By.cssSelector("input[name='skills'][value='" + dept + "']")).click();
        create.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash")));
        assertThat(agents.findByLogin(login)).get().satisfies(a -> {
            assertThat(a.skills()).containsExactly(dept);
            assertThat(a.maxChats()).isEqualTo(2);
        });
        assertThat(browser.getPageSource()).doesNotContain("<b>Тестов</b>").contains("&lt;b&gt;Тестов&lt;/b&gt;");

        WebElement canned = browser.findElement(By.cssSelector("form[action='/workspace/admin/canned']"));
        canned.findElement(By.name("title")).sendKeys("Greeting");
        canned.findElement(By.name("body")).sendKeys("Hello, {{contact.name|friend}}!");
        canned.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".flash")));
        assertThat(browser.findElements(By.cssSelector("input[name='title']")).stream()
                .anyMatch(e -> "Greeting".equals(e.getAttribute("value")))).isTrue();

        WebElement channel = browser.findElement(By.cssSelector("form[action='/workspace/admin/channels']"));
        channel.findElement(By.name("name")).sendKeys("Site chat");
        channel.findElement(By.cssSelector("option[value='widget']")).click();
        channel.findElement(By.cssSelector("button[type='submit']")).click();
        WebElement token = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[data-test='new-token']")));
        assertThat(token.getText()).startsWith("otk_ch_");
        Browser.screenshot(browser, "admin-page");

        browser.get("http://127.0.0.1:" + port + "/workspace/logout");
        Agent plain = newAgent(2, dept);
        browser.manage().deleteAllCookies();
        signIn(plain.login());
        wait.until(d -> d.getCurrentUrl().contains("/workspace") && !d.getCurrentUrl().contains("/login"));
        browser.get("http://127.0.0.1:" + port + "/workspace/admin");
        assertThat(browser.getPageSource()).doesNotContain("Parallel chats").contains("403");
    }
}
