package dev.placenotify.notifier;

import dev.placenotify.model.Alert;
import dev.placenotify.model.AlertCause;

/** An alert as the owners read it: what happened in their words, where, and how many like it were held back. */
public record AlertText(String plain, String telegramHtml, String slackMarkdown) {
    static final int DETAIL_LIMIT = 500;

    public static AlertText of(Alert a, int suppressedBefore) {
        String title = "🚨 " + title(a.cause()) + (a.subject().isEmpty() ? "" : " [" + SafeText.of(a.subject(), 60) + "]");
        // The chat-migration alert is the notifier's own text about chat ids, which the phone mask would garble.
        String detail = a.cause() == AlertCause.TELEGRAM_CHAT_MIGRATED ? SafeText.oneLine(a.detail(), DETAIL_LIMIT)
                : SafeText.of(a.detail(), DETAIL_LIMIT);
        String held = suppressedBefore > 0 ? "같은 경고 " + suppressedBefore + "건은 직전 간격 동안 보내지 않았습니다." : "";
        String run = "실행 " + a.runId() + " · " + a.cause();
        String plain = title + ": " + detail + (held.isEmpty() ? "" : " (" + held + ")") + " — " + run;
        String html = "<b>" + Html.escape(title) + "</b>\n" + Html.escape(detail)
                + (held.isEmpty() ? "" : "\n" + Html.escape(held)) + "\n" + Html.escape(run);
        String slack = "*" + SlackText.escape(title) + "*\n" + SlackText.escape(detail)
                + (held.isEmpty() ? "" : "\n" + SlackText.escape(held)) + "\n" + SlackText.escape(run);
        return new AlertText(plain, html, slack);
    }

    static String title(AlertCause cause) {
        return switch (cause) {
            case SESSION_EXPIRED -> "네이버 세션 만료";
            case LOGIN_NEEDS_HUMAN -> "네이버 로그인 확인 필요";
            case DLQ_MESSAGES -> "DLQ에 메시지 쌓임";
            case SENS_CREDENTIALS_REJECTED -> "SENS 인증 거부";
            case UNKNOWN_SEND -> "SMS 발송 결과 불명";
            case FETCH_FAILED -> "매장 예약 조회 실패";
            case TELEGRAM_CHAT_MIGRATED -> "텔레그램 채팅방 ID 변경";
            case BUDGET_HELD -> "발송 한도 도달: 나머지 문자 보류";
        };
    }
}
