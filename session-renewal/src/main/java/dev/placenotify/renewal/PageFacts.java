package dev.placenotify.renewal;

import java.util.Set;

/**
 * What the browser showed at one moment, reduced to what {@link LoginPage} judges: the address without its query
 * (queries carry return URLs and tokens), the title, which of the page's known elements are displayed, whether
 * both session cookies are set, and the visible text. The text is for matching markers only: never logged.
 */
public record PageFacts(String url, String title, Set<LoginPage.Element> displayed, boolean sessionCookies,
                        String text) {
    public PageFacts {
        url = url == null ? "" : url;
        title = title == null ? "" : title;
        displayed = Set.copyOf(displayed);
        text = text == null ? "" : text;
    }

    public boolean shows(LoginPage.Element element) {
        return displayed.contains(element);
    }

    /** For logs and alerts: where the browser was, never what the page said. */
    public String where() {
        return url + (title.isBlank() ? "" : " (title '" + title + "')");
    }

    @Override
    public String toString() {
        return "PageFacts[" + where() + " " + displayed + (sessionCookies ? " cookies" : "") + "]";
    }
}
