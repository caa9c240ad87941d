package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.sandbox.SandboxFaults;
import io.hlbridge.testing.AdminClient;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.Chromium;
import io.hlbridge.testing.FaultProxy;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.TestLogs;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The status page as a person uses it, in a real headless Chromium (Debian's chromium and chromium-driver): signs
 * in with the admin token, sees a healthy connection and one whose app password iCloud refuses, finds the inbox
 * entry that failed with its reason, presses its Retry button, and sees the appointment written. Screenshots of the
 * page at desktop and phone width are kept under target/.
 */
class StatusPageBrowserTest {

    @Test
    void anOperatorSeesWhatIsWrongAndRetriesAFailedEntry() throws Exception {
        try (CalDavServer server = new RadicaleServer().start(); FaultProxy proxy = new FaultProxy(server.baseUrl());
                HighLevelSandbox sandbox = new HighLevelSandbox()) {
            URI work = server.mkcalendar(CalDavServer.USER, "work", "Work");
            server.mkcalendar("bob", "team", "Team");
            sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
            sandbox.addCalendar("RR1", "L1", "round_robin");
            sandbox.addUser("L1", "U1", "Alice Adams", "alice@example.com");
            sandbox.addUser("L1", "U2", "Erin Evans", "erin@example.com");
            Map<String, String> p = BridgeHarness.properties(sandbox, proxy.url(),
                    Files.createTempDirectory("bridge-status-page-"));
            p.keySet().removeIf(k -> k.startsWith("connections."));
            BridgeHarness.connection(p, "erin", "L1", "U2", "bob", "Team"); // from the configuration
            p.put("connections.erin.app-password", TestSecrets.REVOKED_APP_PASSWORD);
            p.put("bridge.secret-key", TestSecrets.SECRET_KEY);
            p.put("bridge.admin.token", TestSecrets.ADMIN_TOKEN);
            p.put("sync.poll-interval", "1s");
            p.put("bridge.retry.max-attempts", "2");
            int managementPort = Integer.parseInt(p.get("camel.management.port"));
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                sandbox.setWebhookTarget(bridge.webhookUrl());
                AdminClient admin = new AdminClient(managementPort, TestSecrets.ADMIN_TOKEN);
                Map<String, Object> alice = new LinkedHashMap<>();
                alice.put("name", "alice");
                alice.put("locationId", "L1");
                alice.put("userId", "U1");
                alice.put("appleId", CalDavServer.USER);
                alice.put("appPassword", TestSecrets.APP_PASSWORD);
                alice.put("linkedCalendar", "Work");
                alice.put("highlevelToken", TestSecrets.HIGHLEVEL_TOKEN);
                assertEquals(201, admin.post("/connections", alice).status());
                Await.until(Duration.ofSeconds(20), () -> admin.get("/connections/erin").json().path("state")
                        .path("status").asText(), s -> s.equals("needs-app-password"), "erin refused");
                ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U1",
                        "startTime", "2027-02-04T09:00:00Z", "endTime", "2027-02-04T10:00:00Z", "title",
                        "Retried from the page", "users", List.of()), false);
                for (int i = 0; i < 2; i++) {
                    sandbox.faults().answerOnce("L1", new SandboxFaults.Canned("GET", "/calendars/events/appointments/"
                            + a.get("id").asText(), 502, List.of(), "application/json",
                            "{\"statusCode\":502,\"message\":\"Bad gateway\"}"));
                }
                sandbox.deliver(sandbox.webhook("AppointmentCreate", a));
                Await.until(Duration.ofSeconds(20), () -> admin.get("/inbox?state=failed").json().path("entries")
                        .size(), n -> n == 1, "the entry parked as failed");

                WebDriver browser = Chromium.start();
                try {
                    String base = "http://127.0.0.1:" + managementPort;
                    browser.get(base + "/status");
                    assertEquals("Sign in: bridge status", browser.getTitle(), "the token is asked for first");
                    browser.findElement(By.id("token")).sendKeys(TestSecrets.ADMIN_TOKEN);
                    browser.findElement(By.cssSelector("button[type=submit]")).click();
                    // a click that submits a form does not wait for the next page: the test does, as a person does
                    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleIs("Bridge status"));
                    String page = browser.getPageSource();
                    WebElement attention = browser.findElement(By.id("connections-attention"));
                    assertTrue(attention.getText().contains("erin") && attention.getText().contains(
                            "needs a new app password"), attention.getText());
                    assertTrue(attention.getText().contains("from configuration"), attention.getText());
                    WebElement fine = browser.findElement(By.id("connections-fine"));
                    assertTrue(fine.getAttribute("outerHTML").contains("alice"), "alice is among those that sync");
                    WebElement failed = browser.findElement(By.id("inbox"));
                    assertTrue(failed.getText().contains("failed") && failed.getText().contains("502"), failed.getText());
                    assertTrue(browser.findElement(By.cssSelector(".counts")).getText().contains("Need attention"));
                    String nodes = browser.findElement(By.id("nodes")).getText();
                    assertTrue(nodes.contains("(this page)") && nodes.contains("live")
                            && nodes.contains("the singleton routes"), "the one node, live, running the singletons: "
                            + nodes);
                    Chromium.screenshot(browser, "status-page-desktop.png");
                    // the search keeps the connections that match, the counts stay those of all of them
                    browser.findElement(By.id("q")).sendKeys("alice");
                    browser.findElement(By.cssSelector("form.find button[type=submit]")).click();
                    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(10));
                    wait.until(ExpectedConditions.urlContains("q=alice"));
                    assertTrue(browser.findElement(By.id("connections-fine")).getText().contains("alice"));
                    assertTrue(browser.findElements(By.id("connection-erin")).isEmpty(), "erin does not match");
                    assertTrue(browser.findElement(By.cssSelector(".counts")).getText().contains("Need attention"));
                    browser.findElement(By.linkText("Show all")).click();
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("connection-erin")));
                    browser.manage().window().setSize(new Dimension(390, 844));
                    browser.navigate().refresh();
                    Chromium.screenshot(browser, "status-page-phone.png");
                    assertTrue(browser.findElement(By.cssSelector("thead")).getCssValue("display").equals("none"),
                            "on a phone the tables are stacked cards");
                    Files.writeString(TestLogs.file("status-page.html").toPath(), page, StandardCharsets.UTF_8);
                    for (String secret : List.of(TestSecrets.APP_PASSWORD, TestSecrets.REVOKED_APP_PASSWORD,
                            TestSecrets.HIGHLEVEL_TOKEN, TestSecrets.ADMIN_TOKEN, TestSecrets.SECRET_KEY)) {
                        assertFalse(page.contains(secret), "a secret on the page");
                    }

                    browser.findElement(By.cssSelector("#inbox button[type=submit]")).click();
                    WebElement note = new WebDriverWait(browser, Duration.ofSeconds(10))
                            .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".note")));
                    assertTrue(note.getText().contains("is due again"), note.getText());
                    Await.until(Duration.ofSeconds(20), () -> server.events(work).values().stream().filter(ics ->
                            ics.contains(a.get("id").asText())).count(), n -> n == 1, "the retried appointment in Work");
                    Await.until(Duration.ofSeconds(10), () -> {
                        browser.get(base + "/status"); // the entry is done a moment after its event is written
                        return browser.getPageSource();
                    }, html -> html.contains("Nothing failed or waiting for a retry."), "the entry no longer fails");
                    // signing out, from the keyboard: the page asks for the token again
                    browser.findElement(By.xpath("//button[text()='Sign out']")).sendKeys(Keys.ENTER);
                    new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleIs(
                            "Sign in: bridge status"));
                    browser.get(base + "/status");
                    assertEquals("Sign in: bridge status", browser.getTitle(), "signed out stays signed out");
                } finally {
                    browser.quit();
                }
                assertEquals(List.of(), admin.violations());
            }
            sandbox.assertOnlyValidRequests();
        }
    }
}
