package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;

import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.Chromium;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The connect page as HighLevel shows it, in a real headless Chromium: inside the sandbox's app shell on another site
 * ({@code localhost} framing {@code 127.0.0.1}), the page asks the shell who the user is, trades the encrypted answer
 * for a session (a header, no cookie: third-party cookies do not survive a cross-site iframe) and shows the user's
 * own connection. Screenshots at desktop and phone width (360 px, HighLevel's mobile app) are kept under target/.
 */
class ConnectPageBrowserTest {

    @Test
    void aUserOpensThePageInsideHighLevelAndSeesTheirConnection() throws Exception {
        try (CalDavServer server = new RadicaleServer().start(); HighLevelSandbox sandbox = new HighLevelSandbox()) {
            server.mkcalendar(CalDavServer.USER, "work", "Work");
            sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
            sandbox.addUser("L1", "U1", "Ann Lee", "ann@example.com");
            sandbox.addUser("L1", "U2", "Bo Berg", "bo@example.com");
            Map<String, String> p = BridgeHarness.properties(sandbox, server.baseUrl(),
                    Files.createTempDirectory("bridge-connect-browser-"));
            p.put("highlevel.oauth.shared-secret", sandbox.appShell().sharedSecret());
            p.put("highlevel.custom-page.frame-ancestors", sandbox.appShell().origin());
            p.put("sync.poll-interval", "1s");
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                bridge.awaitAnotherPoll();
                URI page = URI.create("http://127.0.0.1:" + p.get("camel.server.port") + "/connect");
                WebDriver browser = Chromium.start();
                try {
                    browser.get(sandbox.appShell().url(page, "U1", "L1", "user").toString());
                    browser.switchTo().frame("app");
                    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                    wait.until(b -> !b.findElements(By.id("who")).isEmpty());
                    assertEquals("Signed in as Ann Lee", browser.findElement(By.id("who")).getText());
                    assertEquals("Syncing.", browser.findElement(By.id("state")).getText());
                    assertTrue(browser.findElement(By.id("linked")).getText().contains("“Work”"));
                    wait.until(b -> b.findElement(By.id("last-sync")).getText().startsWith("Last sync: "));
                    browser.switchTo().defaultContent();
                    Chromium.screenshot(browser, "connect-page-desktop.png");
                    browser.manage().window().setSize(new Dimension(360, 800));
                    browser.switchTo().frame("app");
                    long overflow = (Long) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
                    assertEquals(0, overflow, "nothing wider than the phone's screen");
                    browser.switchTo().defaultContent();
                    Chromium.screenshot(browser, "connect-page-phone.png");

                    // opened on its own, outside HighLevel, the page knows nobody
                    browser.get(page.toString());
                    wait.until(b -> b.findElement(By.id("status")).getText().startsWith("Open this page from HighLevel"));

                    // another user of the location, not connected
                    browser.manage().window().setSize(new Dimension(1280, 900));
                    browser.get(sandbox.appShell().url(page, "U2", "L1", "user").toString());
                    browser.switchTo().frame("app");
                    wait.until(b -> !b.findElements(By.id("who")).isEmpty());
                    assertEquals("Your iCloud calendar is not connected yet.",
                            browser.findElement(By.id("state")).getText());
                } finally {
                    browser.quit();
                }
            }
            sandbox.assertOnlyValidRequests();
        }
    }
}
