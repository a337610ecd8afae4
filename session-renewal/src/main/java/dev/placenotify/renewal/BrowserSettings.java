package dev.placenotify.renewal;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Chromium and its driver are and how the login runs. Both paths are fixed by configuration: Selenium never
 * looks for or downloads a browser or driver (Selenium Manager is not used when both are given).
 */
public record BrowserSettings(Path chromium, Path chromedriver, URI loginUrl, URI accountPageUrl, Duration pageTimeout,
                              String userAgent, List<String> extraArguments) {
    public BrowserSettings {
        extraArguments = List.copyOf(extraArguments);
    }

    /** Fails naming each missing binary and how to install it, so a missing browser is never a silent skip. */
    public BrowserSettings requireInstalled() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(chromium)) {
            missing.add("Chromium at " + chromium + " (CHROMIUM_PATH)");
        }
        if (!Files.isExecutable(chromedriver)) {
            missing.add("chromedriver at " + chromedriver + " (CHROMEDRIVER_PATH)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no browser for the session renewal: missing " + String.join(" and ", missing)
                    + ". Install Debian's 'chromium' and 'chromium-driver' (.ci/ensure-browser.sh does it as root),"
                    + " or point the variables at a Chromium and a matching chromedriver");
        }
        return this;
    }

    /** The command-line switches: headless, no sandbox (root in Lambda and CI), no background traffic. */
    public List<String> arguments(Path profileDir) {
        List<String> args = new ArrayList<>(List.of(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-default-apps",
                "--disable-sync", "--disable-background-networking", "--disable-component-update",
                "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--metrics-recording-only",
                "--password-store=basic", "--window-size=1280,900", "--lang=ko-KR",
                "--user-data-dir=" + profileDir, "--user-agent=" + userAgent));
        args.addAll(extraArguments);
        return args;
    }
}
