package dev.placenotify.sender;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import dev.placenotify.shell.ReceivedMessage;
import java.util.List;

/** One SENS request to make: 1 to 100 claimed jobs that share sender number, type and content type. */
record PlannedRequest(String from, SmsType type, ContentType contentType, List<ReceivedMessage<SmsJob>> jobs) {
    PlannedRequest {
        if (jobs.isEmpty() || jobs.size() > SensRequest.MAX_MESSAGES) {
            throw new IllegalArgumentException("a SENS request carries 1.." + SensRequest.MAX_MESSAGES + " messages, not " + jobs.size());
        }
        jobs = List.copyOf(jobs);
    }

    /** The same request for some of its jobs: those still open before a retry, or one alone after a 400. */
    PlannedRequest with(List<ReceivedMessage<SmsJob>> fewer) {
        return new PlannedRequest(from, type, contentType, fewer);
    }

    SensRequest toSens() {
        return new SensRequest(from, type, contentType, jobs.stream().map(ReceivedMessage::body).toList());
    }
}
