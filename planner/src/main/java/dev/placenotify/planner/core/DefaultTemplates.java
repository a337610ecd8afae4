package dev.placenotify.planner.core;

import dev.placenotify.model.MessageKind;
import dev.placenotify.model.MessageTemplate;

/**
 * The wording used when a store has no template of its own for a kind. Each names the store and the
 * reservation's date and time; for a typical store and customer name the service messages fit one SMS
 * (90 bytes). The EVENT body is framed by {@link MessageRenderer} with the "(광고)" prefix and the opt-out line.
 */
public final class DefaultTemplates {
    private DefaultTemplates() {}

    public static final MessageTemplate CONFIRMATION = new MessageTemplate("[{storeName}] 예약 확정 안내",
            "[{storeName}] {customerName}님, {date} {time} 예약이 확정되었습니다. 감사합니다.");
    public static final MessageTemplate RESCHEDULE = new MessageTemplate("[{storeName}] 예약 변경 안내",
            "[{storeName}] {customerName}님, 예약이 {date} {time}(으)로 변경되었습니다.");
    public static final MessageTemplate REMINDER = new MessageTemplate("[{storeName}] 예약 안내",
            "[{storeName}] {customerName}님, {date} {time} 예약 시간이 곧 다가옵니다.");
    public static final MessageTemplate EVENT = new MessageTemplate("(광고)[{storeName}] 이벤트 안내",
            "{customerName}님, {date} {time} {storeName}을(를) 이용해 주셔서 감사합니다. "
                    + "다음 방문 때 쓰실 수 있는 이벤트 혜택을 준비했습니다.");
    public static final MessageTemplate CANCELLATION = new MessageTemplate("[{storeName}] 예약 취소 안내",
            "[{storeName}] {customerName}님, {date} {time} 예약이 취소되었습니다.");

    public static MessageTemplate of(MessageKind kind) {
        return switch (kind) {
            case CONFIRMATION -> CONFIRMATION;
            case RESCHEDULE -> RESCHEDULE;
            case REMINDER -> REMINDER;
            case EVENT -> EVENT;
            case CANCELLATION -> CANCELLATION;
        };
    }
}
