package org.otklik.server.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium in headless mode, driven through Debian's chromedriver (nothing is downloaded). Install both with
 * {@code apt-get install -y chromium chromium-driver}; {@code .ci/run} does.
 */
public final class Browser {

    private static final String CHROMIUM = env("OTKLIK_CHROMIUM", "/usr/bin/chromium");
    private static final String DRIVER = env("OTKLIK_CHROMEDRIVER", "/usr/bin/chromedriver");

    private Browser() {
    }

    public static ChromeDriver start() {
        if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
            throw new IllegalStateException("the browser tests need Chromium at " + CHROMIUM + " and chromedriver at "
                    + DRIVER + ": apt-get update && apt-get install -y chromium chromium-driver");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("otklik-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=1400,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER)).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return driver;
    }

    /** Signs in on the workspace's login page, in the given language. */
    public static void signIn(ChromeDriver driver, int port, String login, String password, String lang) {
        driver.get("http://127.0.0.1:" + port + "/workspace/login?lang=" + lang);
        driver.findElement(org.openqa.selenium.By.id("username")).sendKeys(login);
        driver.findElement(org.openqa.selenium.By.id("password")).sendKeys(password);
        driver.findElement(org.openqa.selenium.By.id("login-submit")).click();
        // the login page's own address contains /workspace too: wait until the browser has left it
        new org.openqa.selenium.support.ui.WebDriverWait(driver, java.time.Duration.ofSeconds(10))
                .until(d -> !d.getCurrentUrl().contains("/workspace/login"));
    }

    /** Saves a screenshot under target/screenshots for a human to look at. */
    public static void screenshot(ChromeDriver driver, String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
