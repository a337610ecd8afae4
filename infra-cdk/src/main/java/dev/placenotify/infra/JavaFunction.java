package dev.placenotify.infra;

import dev.placenotify.model.Topology;

/**
 * The Java functions, by role: the module (and so the jar) each one's code comes from, and its handler. Every one is
 * deployed as a {@link StageFunction}; only the session-renewal container image is not a Java jar.
 */
public enum JavaFunction {
    SCHEDULE("schedule", Topology.Stage.FETCHER, "dev.placenotify.fetcher.ScheduleHandler"),
    FETCH("fetch", Topology.Stage.FETCHER, "dev.placenotify.fetcher.FetchHandler"),
    PLANNER("planner", Topology.Stage.PLANNER, "dev.placenotify.planner.PlannerHandler"),
    SENDER("sender", Topology.Stage.SENDER, "dev.placenotify.sender.SenderHandler"),
    NOTIFIER("notifier", Topology.Stage.NOTIFIER, "dev.placenotify.notifier.NotifierHandler"),
    SWEEP("sweep", Topology.Stage.NOTIFIER, "dev.placenotify.notifier.SweepHandler"),
    /** Looks up each sent text's carrier result on SENS (docs/sender.md, "Delivery results"). */
    DELIVERY_CHECK("delivery-check", Topology.Stage.SENDER, "dev.placenotify.sender.delivery.DeliveryCheckHandler"),
    /** Posts yesterday's delivery results at 09:00 Asia/Seoul (docs/notifier.md, "Delivery results"). */
    DELIVERY_DIGEST("delivery-digest", Topology.Stage.NOTIFIER, "dev.placenotify.notifier.DeliveryDigestHandler");

    private final String suffix;
    private final Topology.Stage module;
    private final String handlerClass;

    JavaFunction(String suffix, Topology.Stage module, String handlerClass) {
        this.suffix = suffix;
        this.module = module;
        this.handlerClass = handlerClass;
    }

    public String suffix() {
        return suffix;
    }

    public Topology.Stage module() {
        return module;
    }

    public String handler() {
        return handlerClass + "::" + StageFunction.HANDLER_METHOD;
    }

    String id() {
        return ConstructIds.pascal(suffix);
    }
}
