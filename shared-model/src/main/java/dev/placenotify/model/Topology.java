package dev.placenotify.model;

import dev.placenotify.model.items.IdempotencyTableLayout;
import java.util.List;

/**
 * The pipeline's queues and tables: the single definition from which the CDK stack and the local
 * emulators are both built, so the two cannot drift apart.
 */
public final class Topology {
    private Topology() {}

    /** Attribute every TTL-carrying item uses (epoch seconds). */
    public static final String TTL_ATTRIBUTE = "expiresAt";

    // Fetch: 3 tries cover a Naver blip; consumer timeout covers all pages of a 31-day slice with back-off.
    // 20 stores at once keeps a 200-store backfill near 10 rounds of one store's fetch, while each store's
    // own requests stay paced (NAVER_REQUESTS_PER_SECOND), so Naver sees at most 20 stores' worth at a time.
    public static final QueueSpec FETCH = new QueueSpec("fetch", 3, 120, 1, 0, 20);
    public static final QueueSpec SNAPSHOT = new QueueSpec("snapshot", 3, 60, 5, 0, 10);
    // SMS: 5 tries because 429/5xx retries are handed back to SQS after an in-process budget.
    public static final QueueSpec SMS = new QueueSpec("sms", 5, 60, 100, 1, 5);
    public static final QueueSpec RESULT = new QueueSpec("result", 5, 60, 100, 1, 2);

    // Session renewal (a side path, not a stage of the chain): one login per message in a headless browser.
    // The consumer timeout covers Chromium's start and a slow login page; the 12-minute visibility (6x) is
    // the wait before a transiently failed login's message is tried again; 2 is Lambda's lowest concurrency.
    public static final QueueSpec RENEWAL = new QueueSpec("renewal", 3, 120, 1, 0, 2);

    // Delivery checks (a side path of the sender): SENS lookups of sent and UNKNOWN texts, each a few seconds at
    // most; checks come back by their own delayed copies, so receives count only failed invocations.
    public static final QueueSpec DELIVERY = new QueueSpec("delivery", 5, 60, 10, 0, 2);

    public static final List<QueueSpec> QUEUES = List.of(FETCH, SNAPSHOT, SMS, RESULT, RENEWAL, DELIVERY);

    public static final TableSpec BOOKINGS = new TableSpec("bookings", "storeId", "bookingId", TTL_ATTRIBUTE);
    /** Per-booking history without a scan: every send record by booking and by hashed phone ({@code IdempotencyTableLayout}). */
    public static final TableSpec IDEMPOTENCY = new TableSpec("idempotency", "key", null, TTL_ATTRIBUTE, List.of(
            new IndexSpec(IdempotencyTableLayout.BY_BOOKING, IdempotencyTableLayout.BOOKING_REF, "key"),
            new IndexSpec(IdempotencyTableLayout.BY_PHONE, IdempotencyTableLayout.PHONE_HASH, "key")));
    public static final TableSpec RUNS = new TableSpec("runs", "runId", "item", TTL_ATTRIBUTE);
    public static final TableSpec SESSIONS = new TableSpec("sessions", "accountId", null, TTL_ATTRIBUTE);

    public static final List<TableSpec> TABLES = List.of(BOOKINGS, IDEMPOTENCY, RUNS, SESSIONS);

    /** Which queue each stage consumes and which it feeds. */
    public enum Stage {
        FETCHER(FETCH, SNAPSHOT), PLANNER(SNAPSHOT, SMS), SENDER(SMS, RESULT), NOTIFIER(RESULT, null);

        private final QueueSpec input;
        private final QueueSpec output;

        Stage(QueueSpec input, QueueSpec output) {
            this.input = input;
            this.output = output;
        }

        public QueueSpec input() {
            return input;
        }

        public QueueSpec output() {
            return output;
        }

        public String lowerName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
