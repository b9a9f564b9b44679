package org.otklik.server.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.otklik.server.support.Browser;
import org.otklik.server.support.PostgresIT;
import org.springframework.beans.factory.annotation.Autowired;

/** A lead opens the reports and the cockpit in a real browser after a conversation went through its whole life. */
class ReportsInBrowserIT extends PostgresIT {

    @Autowired
    ReportsProperties properties;
    private ChromeDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theReportShowsTheKpisChartsAndTablesAndTheCockpitTheLiveState() throws Exception {
        String dept = newDepartment();
        TestChannel channel = newApiChannel(dept);
        var agentAccount = newAgent(2, dept);
        String agent = goOnline(agentAccount);
        long id = send(channel, unique("m"), unique("c"), "Не приходит код для входа").json()
                .get("conversationId").asLong();
        Instant until = Instant.now().plusSeconds(10);
        while (!api.get("/api/v1/conversations/" + id, agent).json().get("status").asString().equals("assigned")
                && Instant.now().isBefore(until)) {
            Thread.sleep(100);
        }
        api.post("/api/v1/conversations/" + id + "/replies", agent, Map.of("text", "Отправили код повторно"));
        LocalDate day = Instant.parse(api.get("/api/v1/conversations/" + id, agent).json().get("createdAt")
                .asString()).atZone(properties.zone()).toLocalDate();
        until = Instant.now().plusSeconds(10);
        while (!api.get("/api/v1/reports?from=" + day + "&to=" + day + "&by=department", agent).body().contains(dept)
                && Instant.now().isBefore(until)) {
            Thread.sleep(150);
        }

        browser = Browser.start();
        Browser.signIn(browser, port, agentAccount.login(), PASSWORD, "en");
        new org.openqa.selenium.support.ui.WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> d.getCurrentUrl().contains("/workspace"));
        browser.get("http://127.0.0.1:" + port + "/workspace/reports?from=" + day + "&to=" + day);
        assertThat(browser.findElement(By.cssSelector("[data-test='totals']")).getText()).contains("Received");
        assertThat(browser.findElements(By.cssSelector("[data-test='volume-by-hour'] rect"))).hasSize(24);
        assertThat(browser.findElements(By.cssSelector("[data-test='frt-distribution'] rect"))).hasSize(13);
        assertThat(browser.findElement(By.cssSelector("[data-test='by-department']")).getText()).contains(dept);
        assertThat(browser.findElement(By.cssSelector("[data-test='by-agent']")).getText())
                .contains(Long.toString(agentAccount.id()));
        Browser.screenshot(browser, "reports");

        browser.get("http://127.0.0.1:" + port + "/workspace/cockpit");
        assertThat(browser.findElement(By.cssSelector("[data-test='cockpit-agents']")).getText())
                .contains(agentAccount.login());
        Browser.screenshot(browser, "cockpit");
    }
}
