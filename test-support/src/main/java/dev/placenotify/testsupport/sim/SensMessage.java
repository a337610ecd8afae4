package dev.placenotify.testsupport.sim;

import dev.placenotify.model.PersonalData;
import java.time.Instant;

/**
 * One SMS that SENS accepted for delivery: a request with three recipients yields three.
 *
 * @param sequence       arrival order across all requests, from 1
 * @param content        the effective text: the message's own content, else the request's
 * @param subject        the effective subject (LMS/MMS), or null
 * @param idempotencyKey our sender's key for this recipient (header {@code x-pn-idempotency-keys}), or null
 */
public record SensMessage(String requestId, long sequence, String to, String from, String countryCode, String type,
                          String contentType, String subject, String content, String reserveTime,
                          String idempotencyKey, Instant receivedAt) {

    @Override
    public String toString() {
        // Test failure output and logs must not carry phone numbers.
        return "SensMessage[#" + sequence + " " + requestId + " " + type + "/" + contentType + " to="
                + PersonalData.maskPhone(to) + " key=" + idempotencyKey + " " + content.length() + " chars]";
    }
}
