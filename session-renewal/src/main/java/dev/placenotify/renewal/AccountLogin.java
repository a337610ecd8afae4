package dev.placenotify.renewal;

/** Logs one Naver account in and reports what happened; {@link BrowserLogin} does it in headless Chromium. */
@FunctionalInterface
public interface AccountLogin {
    LoginOutcome logIn(LoginCredentials credentials);
}
