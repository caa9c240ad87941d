package io.hlbridge.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** A real headless Chromium (Debian's chromium and chromium-driver) for the pages a person uses. */
public final class Chromium {
    private Chromium() {
    }

    public static WebDriver start() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(Path.of("/usr/bin/chromium").toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                "--disable-gpu");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Keeps what the browser shows as target/{@code name}, for a person to look at. */
    public static void screenshot(WebDriver browser, String name) throws Exception {
        Files.write(Path.of("target", name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
