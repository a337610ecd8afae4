package dev.placenotify.model;

/**
 * One answer of the booking form (Naver's {@code customFormInputJson} entry), e.g.
 * {@code {"title": "리뷰 이벤트", "value": "네~ :)"}}. Free text a customer typed: never logged.
 */
public record FormAnswer(String title, String value) {
    public FormAnswer {
        title = title == null ? "" : title;
        value = value == null ? "" : value;
    }

    @Override
    public String toString() {
        return "FormAnswer[" + title + "]";
    }
}
