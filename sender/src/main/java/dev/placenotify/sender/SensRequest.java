package dev.placenotify.sender;

import dev.placenotify.model.ContentType;
import dev.placenotify.model.SmsJob;
import dev.placenotify.model.SmsType;
import java.util.List;

/** One SENS call: up to 100 jobs that share sender number, type and content type. */
public record SensRequest(String from, SmsType type, ContentType contentType, List<SmsJob> jobs) {
    public static final int MAX_MESSAGES = 100;

    public SensRequest {
        if (jobs.isEmpty() || jobs.size() > MAX_MESSAGES) {
            throw new IllegalArgumentException("a SENS request carries 1.." + MAX_MESSAGES + " messages, not " + jobs.size());
        }
        jobs = List.copyOf(jobs);
    }
}
