package io.hlbridge.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.hlbridge.sandbox.HighLevelSandbox;
import io.hlbridge.testing.Await;
import io.hlbridge.testing.BridgeHarness;
import io.hlbridge.testing.CalDavServer;
import io.hlbridge.testing.Chromium;
import io.hlbridge.testing.FaultProxy;
import io.hlbridge.testing.RadicaleServer;
import io.hlbridge.testing.TestSecrets;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
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
                    wait.ignoring(StaleElementReferenceException.class); // the view is replaced as a whole
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

    /**
     * A user who is not connected connects from the page with the keyboard only: the regular password is refused with
     * what to do, the app-specific one shows the Apple ID's calendars, they pick the linked and a conflict calendar,
     * and then a booking reaches the linked calendar and an event in the conflict calendar becomes one blocked slot.
     */
    @Test
    void aUserConnectsWithTheKeyboardOnlyReconnectsAndDisconnects() throws Exception {
        try (CalDavServer server = new RadicaleServer().start(); FaultProxy proxy = new FaultProxy(server.baseUrl());
                HighLevelSandbox sandbox = new HighLevelSandbox()) {
            URI team = server.mkcalendar("bob", "team", "Team");
            URI home = server.mkcalendar("bob", "home", "Home");
            sandbox.addLocation("L1", "Europe/Berlin", TestSecrets.HIGHLEVEL_TOKEN);
            sandbox.addCalendar("RR1", "L1", "round_robin");
            sandbox.addUser("L1", "U1", "Ann Lee", "ann@example.com");
            sandbox.addUser("L1", "U2", "Bo Berg", "bo@example.com");
            Map<String, String> p = BridgeHarness.properties(sandbox, proxy.url(),
                    Files.createTempDirectory("bridge-connect-keyboard-"));
            p.put("highlevel.oauth.shared-secret", sandbox.appShell().sharedSecret());
            p.put("highlevel.custom-page.frame-ancestors", sandbox.appShell().origin());
            p.put("bridge.secret-key", TestSecrets.SECRET_KEY);
            p.put("sync.poll-interval", "1s");
            try (BridgeHarness bridge = BridgeHarness.start(p)) {
                sandbox.setWebhookTarget(bridge.webhookUrl());
                URI page = URI.create("http://127.0.0.1:" + p.get("camel.server.port") + "/connect");
                WebDriver browser = Chromium.start();
                try {
                    browser.get(sandbox.appShell().url(page, "U2", "L1", "user").toString());
                    browser.switchTo().frame("app");
                    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
                    wait.ignoring(StaleElementReferenceException.class); // the view is replaced as a whole
                    wait.until(b -> "appleId".equals(b.switchTo().activeElement().getAttribute("name")));
                    browser.switchTo().activeElement().sendKeys("bob", Keys.TAB, "my-apple-id-password", Keys.ENTER);
                    wait.until(b -> b.findElement(By.id("form-error")).getText().contains("Apple refused"));
                    assertEquals("appPassword", browser.switchTo().activeElement().getAttribute("name"));
                    browser.switchTo().activeElement().sendKeys(Keys.chord(Keys.CONTROL, "a"), TestSecrets.APP_PASSWORD,
                            Keys.ENTER);
                    wait.until(b -> "linkedCalendar".equals(b.switchTo().activeElement().getAttribute("name")));
                    assertEquals("", browser.findElement(By.id("form-error")).getText(), "the error is gone");
                    Chromium.screenshot(browser, "connect-page-calendars.png");
                    // the radio group: arrows move the choice to Team
                    while (!label(browser).equals("Team")) {
                        browser.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
                    }
                    browser.switchTo().activeElement().sendKeys(Keys.SPACE);
                    // then Tab through the conflict calendars to Home, tick it, and on to Connect
                    do {
                        browser.switchTo().activeElement().sendKeys(Keys.TAB);
                    } while (!("conflictCalendars".equals(browser.switchTo().activeElement().getAttribute("name"))
                            && label(browser).equals("Home")));
                    browser.switchTo().activeElement().sendKeys(Keys.SPACE);
                    do {
                        browser.switchTo().activeElement().sendKeys(Keys.TAB);
                    } while (!"connect".equals(browser.switchTo().activeElement().getAttribute("value")));
                    browser.switchTo().activeElement().sendKeys(Keys.ENTER);
                    wait.until(b -> !b.findElements(By.id("linked")).isEmpty());
                    assertEquals("Connected: HighLevel appointments go to “Team”.",
                            browser.findElement(By.id("linked")).getText());
                    assertTrue(browser.findElement(By.id("conflicts")).getText().contains("Home"));
                    assertTrue(browser.findElements(By.name("appPassword")).isEmpty(), "no password field is left");
                    assertFalse(browser.getPageSource().contains(TestSecrets.APP_PASSWORD), "the password is not sent back");

                    // sync runs for the new connection: a booking reaches Team, an event in Home blocks time
                    String first = book(sandbox, "2027-01-20T09:00:00Z");
                    Await.until(Duration.ofSeconds(30), () -> copies(server, team, first), n -> n == 1,
                            "the booking in Team");
                    assertTrue(server.put(home.resolve("dentist.ics"), "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"
                            + "-//Apple Inc.//iOS 18//EN\r\nBEGIN:VEVENT\r\nUID:dentist\r\nDTSTAMP:20261201T120000Z"
                            + "\r\nDTSTART:20270121T130000Z\r\nDTEND:20270121T140000Z\r\nSUMMARY:Dentist\r\n"
                            + "END:VEVENT\r\nEND:VCALENDAR\r\n") / 100 == 2);
                    Await.until(Duration.ofSeconds(30), () -> sandbox.blockedSlotTimes("U2"), t -> t.size() == 1,
                            "one blocked slot for the Home event");

                    // Apple revokes the app password (the Apple ID's password changed): the page says to reconnect
                    proxy.acceptPassword(TestSecrets.NEW_APP_PASSWORD);
                    wait.withTimeout(Duration.ofSeconds(40)).until(b -> {
                        b.navigate().refresh();
                        b.switchTo().frame("app");
                        new WebDriverWait(b, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("state")).isEmpty());
                        return "needs-app-password".equals(b.findElement(By.id("state")).getAttribute("data-state"));
                    });
                    assertEquals("Your app-specific password was refused: reconnect with a new one.",
                            browser.findElement(By.id("state")).getText());
                    Chromium.screenshot(browser, "connect-page-reconnect.png");
                    assertEquals("appPassword", browser.switchTo().activeElement().getAttribute("name"));
                    browser.switchTo().activeElement().sendKeys(TestSecrets.NEW_APP_PASSWORD, Keys.ENTER);
                    wait.until(b -> !b.findElements(By.id("notice")).isEmpty());
                    assertEquals("Reconnected: syncing again.", browser.findElement(By.id("notice")).getText());
                    assertEquals("ok", browser.findElement(By.id("state")).getAttribute("data-state"));
                    String second = book(sandbox, "2027-01-22T09:00:00Z"); // no restart: sync resumed
                    Await.until(Duration.ofSeconds(30), () -> copies(server, team, second), n -> n == 1,
                            "the booking made after the reconnect in Team");

                    // other calendars, without the password again: the bookings move to Home
                    tabTo(browser, "connection/calendars");
                    browser.switchTo().activeElement().sendKeys(Keys.ENTER);
                    wait.until(b -> "linkedCalendar".equals(b.switchTo().activeElement().getAttribute("name")));
                    String checked = browser.findElement(By.cssSelector("input[name=linkedCalendar]:checked"))
                            .getAttribute("id");
                    assertEquals("Team", browser.findElement(By.cssSelector("label[for='" + checked + "']")).getText(),
                            "the linked calendar now is checked");
                    while (!label(browser).equals("Home")) {
                        browser.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN);
                    }
                    browser.switchTo().activeElement().sendKeys(Keys.SPACE);
                    tabTo(browser, "connection/save-calendars");
                    browser.switchTo().activeElement().sendKeys(Keys.ENTER);
                    wait.until(b -> said(b).equals("Your calendars are saved."));
                    assertEquals("Connected: HighLevel appointments go to “Home”.",
                            browser.findElement(By.id("linked")).getText());
                    for (String booking : List.of(first, second)) {
                        Await.until(Duration.ofSeconds(30), () -> copies(server, team, booking) + "/"
                                + copies(server, home, booking), n -> n.equals("0/1"), "the booking moved to Home");
                    }

                    // the user's own choice: only the time goes to iCloud, for the bookings already there too
                    tabTo(browser, "eventDetails");
                    browser.switchTo().activeElement().sendKeys(Keys.ARROW_DOWN, Keys.ARROW_DOWN);
                    assertEquals("busy", browser.findElement(By.id("eventDetails")).getAttribute("value"));
                    tabTo(browser, "connection/choices");
                    browser.switchTo().activeElement().sendKeys(Keys.ENTER);
                    wait.until(b -> said(b).startsWith("Your choices are saved."));
                    assertEquals("busy", browser.findElement(By.id("eventDetails")).getAttribute("value"));
                    Chromium.screenshot(browser, "connect-page-choices.png");
                    Await.until(Duration.ofSeconds(30), () -> server.events(home).values().stream().filter(ics ->
                            ics.contains("SUMMARY:Busy")).count(), n -> n == 2, "both bookings titled Busy");

                    // pause and resume
                    for (String change : List.of("pause", "resume")) {
                        do {
                            browser.switchTo().activeElement().sendKeys(Keys.TAB);
                        } while (!("connection/" + change).equals(browser.switchTo().activeElement()
                                .getAttribute("value")));
                        browser.switchTo().activeElement().sendKeys(Keys.ENTER);
                        String state = change.equals("pause") ? "paused" : "ok";
                        wait.until(b -> !b.findElements(By.id("state")).isEmpty()
                                && state.equals(b.findElement(By.id("state")).getAttribute("data-state")));
                    }

                    // disconnect, removing what the bridge made, on both sides
                    do {
                        browser.switchTo().activeElement().sendKeys(Keys.TAB);
                    } while (!"connection/remove".equals(browser.switchTo().activeElement().getAttribute("value")));
                    proxy.setWriteDelay(Duration.ofMillis(1500)); // iCloud slow to delete: the page shows how far it got
                    browser.switchTo().activeElement().sendKeys(Keys.ENTER);
                    wait.until(b -> !b.findElements(By.id("progress")).isEmpty() && b.findElement(By.id("progress"))
                            .getText().matches("Removing what the bridge made: [0-2] of 3 done…"));
                    Chromium.screenshot(browser, "connect-page-removing.png");
                    wait.until(b -> !b.findElements(By.id("notice")).isEmpty()
                            && b.findElement(By.id("notice")).getText().startsWith("Disconnected."));
                    assertEquals("Disconnected. The bridge removed 2 event(s) from iCloud and 1 blocked slot(s) from"
                            + " HighLevel.", browser.findElement(By.id("notice")).getText());
                    assertEquals("Your iCloud calendar is not connected yet.",
                            browser.findElement(By.id("state")).getText());
                    assertEquals(0, copies(server, team, first) + copies(server, team, second));
                    assertEquals(List.of(), sandbox.blockedSlotTimes("U2"));
                    assertEquals(1, server.events(home).size(), "the user's own event stays");
                } finally {
                    browser.quit();
                }
            }
            sandbox.assertOnlyValidRequests();
        }
    }

    private static String book(HighLevelSandbox sandbox, String start) throws Exception {
        ObjectNode a = sandbox.book(Map.of("calendarId", "RR1", "locationId", "L1", "assignedUserId", "U2",
                "startTime", start, "endTime", java.time.Instant.parse(start).plusSeconds(3600).toString(), "title",
                "Fitting", "users", List.of()), true);
        return a.get("id").asText();
    }

    private static long copies(CalDavServer server, URI calendar, String appointmentId) throws Exception {
        return server.events(calendar).values().stream().filter(ics -> ics.contains("X-HL-APPOINTMENT-ID:"
                + appointmentId)).count();
    }

    /** What the page says last: its notice, else its form's error line. */
    private static String said(WebDriver browser) {
        List<WebElement> notice = browser.findElements(By.id("notice"));
        List<WebElement> error = browser.findElements(By.id("form-error"));
        return !error.isEmpty() && !error.get(0).getText().isEmpty() ? error.get(0).getText()
                : notice.isEmpty() ? "" : notice.get(0).getText();
    }

    /** Tabs until the focused control's value (a button's step) or name (a list) is {@code target}. */
    private static void tabTo(WebDriver browser, String target) {
        for (int i = 0; i < 100; i++) {
            WebElement focused = browser.switchTo().activeElement();
            if (target.equals(focused.getAttribute("value")) && "button".equals(focused.getTagName())
                    || target.equals(focused.getAttribute("name")) && "select".equals(focused.getTagName())) {
                return;
            }
            focused.sendKeys(Keys.TAB);
        }
        throw new AssertionError("no control " + target + " within 100 tabs");
    }

    /** The text of the label of the focused control. */
    private static String label(WebDriver browser) {
        String id = browser.switchTo().activeElement().getAttribute("id");
        return browser.findElement(By.cssSelector("label[for='" + id + "']")).getText();
    }
}
