package dev.placenotify.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.TimeZone;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.scheduler.ContextAttribute;
import software.amazon.awscdk.services.scheduler.CronOptionsWithTimezone;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.Stack;

/**
 * The EventBridge Scheduler schedules, in Korean time: the pipeline's tick (the fetcher's schedule entry), the
 * notifier's stale-run sweep and the daily delivery digest. Each invokes its function's alias with a payload shaped
 * like an EventBridge "Scheduled Event".
 */
final class PipelineSchedules {
    /** Every 20 minutes on the minute, in Korean time: :00, :20, :40 — so 20:00 KST is a tick. */
    static final String TICK_MINUTES = "0/20";
    static final String SWEEP_MINUTES = "0/5";
    /** Yesterday's delivery results, posted when the owners start their day. */
    static final String DIGEST_HOUR = "9";

    private final Schedule tick;
    private final Schedule sweep;
    private final Schedule digest;

    PipelineSchedules(Stack scope, EnvironmentConfig config, IFunction tickTarget, IFunction sweepTarget, IFunction digestTarget) {
        tick = Schedule.Builder.create(scope, "TickSchedule")
                .scheduleName(config.resourceName("tick"))
                .description("Pipeline tick every 20 minutes at :00/:20/:40 Asia/Seoul")
                .schedule(everyMinutes(TICK_MINUTES))
                .target(LambdaInvoke.Builder.create(tickTarget)
                        .input(ScheduleTargetInput.fromObject(scheduledEvent()))
                        .retryAttempts(2)
                        .maxEventAge(Duration.minutes(10))
                        .build())
                .enabled(config.scheduleEnabled())
                .build();
        sweep = Schedule.Builder.create(scope, "SweepSchedule")
                .scheduleName(config.resourceName("sweep"))
                .description("Stale-run sweep every 5 minutes")
                .schedule(everyMinutes(SWEEP_MINUTES))
                .target(LambdaInvoke.Builder.create(sweepTarget)
                        .input(ScheduleTargetInput.fromObject(scheduledEvent()))
                        .retryAttempts(0)
                        .maxEventAge(Duration.minutes(5))
                        .build())
                .enabled(config.scheduleEnabled())
                .build();
        // The digest is claimed before it is posted, so a retried delivery posts nothing twice; an hour late is still
        // the owners' morning.
        digest = Schedule.Builder.create(scope, "DigestSchedule")
                .scheduleName(config.resourceName(JavaFunction.DELIVERY_DIGEST.suffix()))
                .description("Yesterday's delivery results, daily at 09:00 Asia/Seoul")
                .schedule(ScheduleExpression.cron(CronOptionsWithTimezone.builder()
                        .minute("0").hour(DIGEST_HOUR).day("*").month("*").year("*")
                        .timeZone(TimeZone.ASIA_SEOUL).build()))
                .target(LambdaInvoke.Builder.create(digestTarget)
                        .input(ScheduleTargetInput.fromObject(scheduledEvent()))
                        .retryAttempts(1)
                        .maxEventAge(Duration.hours(1))
                        .build())
                .enabled(config.scheduleEnabled())
                .build();
    }

    private static ScheduleExpression everyMinutes(String minutes) {
        return ScheduleExpression.cron(CronOptionsWithTimezone.builder()
                .minute(minutes).hour("*").day("*").month("*").year("*")
                .timeZone(TimeZone.ASIA_SEOUL).build());
    }

    /**
     * The payload every schedule delivers: shaped like an EventBridge "Scheduled Event" so the handlers read it as
     * one. "time" is the scheduled (not the actual) time, so a late or retried delivery keeps its tick.
     */
    private static Map<String, Object> scheduledEvent() {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("version", "0");
        event.put("id", ContextAttribute.getExecutionId());
        event.put("detail-type", "Scheduled Event");
        event.put("source", "aws.scheduler");
        event.put("account", Aws.ACCOUNT_ID);
        event.put("time", ContextAttribute.getScheduledTime());
        event.put("region", Aws.REGION);
        event.put("resources", List.of(ContextAttribute.getScheduleArn()));
        event.put("detail", Map.of());
        return event;
    }

    Schedule tick() {
        return tick;
    }

    Schedule sweep() {
        return sweep;
    }

    Schedule digest() {
        return digest;
    }
}
