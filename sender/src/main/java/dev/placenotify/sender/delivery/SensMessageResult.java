package dev.placenotify.sender.delivery;

import dev.placenotify.model.PersonalData;

/**
 * One message as SENS's lookups describe it ({@code GET …/messages?requestId=…} lists them, {@code GET
 * …/messages/{messageId}} gives the result). Fields a list entry lacks are null.
 *
 * @param status        SENS's processing state: READY, PROCESSING, COMPLETED
 * @param statusCode    the carrier's result code once COMPLETED ("0" is success)
 * @param statusName    success / fail (processing while not completed)
 * @param statusMessage the result in words, e.g. "성공" or why the carrier refused it
 * @param telcoCode     the customer's carrier (SKT, KT, LGT)
 */
public record SensMessageResult(String requestId, String messageId, String requestTime, String from, String to,
                                String content, String status, String statusCode, String statusName,
                                String statusMessage, String telcoCode, String completeTime) {
    @Override
    public String toString() {
        // Logs and test output never carry the number or the text.
        return "SensMessageResult[" + messageId + " of " + requestId + " to " + PersonalData.maskPhone(to) + " " + status
                + "/" + statusName + "/" + statusCode + "]";
    }
}
