package dev.placenotify.operator.sends;

import static org.assertj.core.api.Assertions.assertThat;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.MessageCodec;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

class ResendAuditTest {
    private static final Instant NOW = Instant.parse("2025-10-23T01:00:00Z");
    private static final SmsJob JOB = new SmsJob(1, "c20251022T1400", "1051707", "9401", "CONFIRMATION", "예약확정", "김*수",
            "01012345678", "0311234567", SmsType.LMS, ContentType.COMM, "안내", "[화성점] 김민수님, 현관 비밀번호는 4321* 입니다.",
            "1051707:9401:CONFIRMATION", NOW.minusSeconds(3600), NOW.plus(Duration.ofHours(5)), null);

    @Test
    void theYearLongCopyKeepsTheFactsAndMasksOrHashesThePersonalData() {
        Map<String, AttributeValue> kept = ResendAudit.withoutPersonalData(record(NOW.plus(Duration.ofDays(10)),
                Map.of("recipient", AttributeValue.fromS("01012345678"), "error", AttributeValue.fromS("SENS: 010-1234-5678 rejected"))));

        assertThat(kept).doesNotContainKeys("job", "recipient");
        assertThat(kept.get("outcome").s()).isEqualTo("UNKNOWN");
        assertThat(kept.get("runId").s()).isEqualTo("c20251022T1400");
        assertThat(kept.get("to").s()).isEqualTo("010-****-5678");
        assertThat(kept.get("customer").s()).isEqualTo("김*수");
        assertThat(kept.get("error").s()).isEqualTo("SENS: 010-****-5678 rejected");
        assertThat(kept.get("contentSha256").s()).hasSize(64).isNotEqualTo(
                ResendAudit.withoutPersonalData(record(NOW, Map.of("job", AttributeValue.fromS(MessageCodec.encode(
                        new SmsJob(1, "r", "1051707", "9401", "CONFIRMATION", null, null, "01012345678", "0311234567", null,
                                null, null, "another text", "k", NOW, NOW, null)))))).get("contentSha256").s());
        assertThat(kept.toString()).doesNotContain("01012345678").doesNotContain("4321").doesNotContain("김민수");
    }

    @Test
    void theFullCopyExpiresWithTheRecordItCopiesAndNeverLaterThanTheTtl() {
        Instant recordExpiry = NOW.plus(Duration.ofDays(12));
        assertThat(ResendAudit.personalCopyExpiry(record(recordExpiry, Map.of()), NOW)).isEqualTo(recordExpiry);
        // A record that names a later expiry (a longer IDEMPOTENCY_TTL_DAYS) is capped at 30 days from now.
        assertThat(ResendAudit.personalCopyExpiry(record(NOW.plus(Duration.ofDays(90)), Map.of()), NOW))
                .isEqualTo(NOW.plus(Duration.ofDays(30)));
        assertThat(ResendAudit.personalCopyExpiry(record(null, Map.of()), NOW)).isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    private static StoredSend record(Instant expiresAt, Map<String, AttributeValue> extra) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("key", AttributeValue.fromS(JOB.idempotencyKey()));
        item.put("state", AttributeValue.fromS("COMPLETED"));
        item.put("outcome", AttributeValue.fromS("UNKNOWN"));
        item.put("payloadHash", AttributeValue.fromS("ab".repeat(32)));
        item.put("runId", AttributeValue.fromS(JOB.runId()));
        item.put("storeId", AttributeValue.fromS(JOB.storeId()));
        item.put("kind", AttributeValue.fromS(JOB.rule()));
        item.put("job", AttributeValue.fromS(MessageCodec.encode(JOB)));
        if (expiresAt != null) {
            item.put("expiresAt", AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())));
        }
        item.putAll(extra);
        return StoredSend.of(item);
    }
}
