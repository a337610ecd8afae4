package dev.placenotify.operator.status;

/**
 * One queue's numbers. {@code oldestAgeSeconds} is null when unknown; {@code ageSource} says where it
 * came from: "cloudwatch" (the SQS metric), "sampled" (the oldest of up to 10 peeked messages) or "n/a".
 */
public record QueueHealth(String name, String url, long visible, long inFlight, long delayed, Long oldestAgeSeconds,
                          String ageSource) {}
