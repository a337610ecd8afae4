package dev.placenotify.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * How messages of given sizes go to SQS in {@code SendMessageBatch} calls that keep every SQS limit:
 * at most 10 entries per call, at most 256 KiB per message, and at most 256 KiB for the sum of a
 * call's messages (SQS refuses the whole call with {@code BatchRequestTooLong} otherwise, so ten
 * 200 KiB snapshot chunks cannot share one). Messages keep their order; a batch is closed only when
 * the next message would break a limit.
 */
public final class SqsBatchPlan {
    /** SQS's limit for one message, and for the sum of the messages of one batch call. */
    public static final int MAX_BYTES = 256 * 1024;
    public static final int MAX_ENTRIES = 10;

    private SqsBatchPlan() {}

    /**
     * The batches, as lists of indices into {@code sizes} (bytes of each message body). Throws when
     * a single message is larger than SQS takes, before anything is planned: no call would succeed.
     */
    public static List<List<Integer>> of(List<Integer> sizes) {
        for (int i = 0; i < sizes.size(); i++) {
            if (sizes.get(i) > MAX_BYTES) {
                throw new IllegalArgumentException("message " + (i + 1) + " of " + sizes.size() + " is " + sizes.get(i)
                        + " bytes; SQS takes at most " + MAX_BYTES + " bytes per message");
            }
        }
        List<List<Integer>> batches = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < sizes.size(); i++) {
            int size = sizes.get(i);
            if (current.size() == MAX_ENTRIES || bytes + size > MAX_BYTES) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(i);
            bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
