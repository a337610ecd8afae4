package dev.placenotify.operator.rules;

import dev.placenotify.fetcher.BookingPage;
import dev.placenotify.fetcher.NaverBookingClient;
import dev.placenotify.session.SessionStore;
import dev.placenotify.model.Booking;
import dev.placenotify.model.Messages;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreSettings;
import dev.placenotify.operator.Kst;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.PipelineTarget;
import dev.placenotify.planner.BookingStateStore;
import dev.placenotify.planner.core.BookingState;
import dev.placenotify.planner.rules.RuleSet;
import dev.placenotify.model.Topology;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Which bookings a rule file would text at a given moment, per rule, without sending or writing anything:
 * bookings from Naver (a deployed or local environment's sessions, read only) or from a scenario file's tick,
 * stored states from the environment's bookings table (read only), decided by the planner's own pure core.
 */
@Command(name = "preview", sortOptions = false,
        description = "show per rule which bookings would get which text at a time, without sending or writing anything")
public final class RulesPreviewCommand extends OperatorCommand {
    /** {@code --compare} without a file: the bundled default rules. */
    static final String DEFAULT_RULES = "@default";

    @Parameters(index = "0", paramLabel = "FILE", description = "rule file to preview (YAML or JSON)")
    Path file;

    @Option(names = "--at", paramLabel = "TIME",
            description = "the cycle time: 2025-12-24T20:00 (KST), 2025-12-24T20:00+09:00 or 2025-12-24T11:00:00Z "
                    + "(default: now; with --scenario: the tick's time)")
    String at;

    @Option(names = "--store", split = ",", paramLabel = "ID",
            description = "only these stores (repeatable or comma-separated; default: every enabled store, or every scenario store)")
    List<String> storeIds = new ArrayList<>();

    @Option(names = "--scenario", paramLabel = "FILE",
            description = "take the bookings from a tick of a ./run-local simulate scenario instead of Naver")
    Path scenario;

    @Option(names = "--tick", paramLabel = "N",
            description = "the scenario's tick, 0-based as ticks[N] (default: the last tick at or before --at, else the first)")
    Integer tick;

    @Option(names = "--replay", description = "with --scenario and no environment: build the stored state by planning the "
            + "earlier ticks in memory with the same rules, as if every text planned had been sent")
    boolean replay;

    @Option(names = "--show-text", description = "also print each rendered text (customer names masked); texts hold "
            + "store configuration such as door codes")
    boolean showText;

    @Option(names = "--compare", arity = "0..1", fallbackValue = DEFAULT_RULES, paramLabel = "FILE2",
            description = "also show what differs from another rule file (default: the bundled default rules)")
    String compare;

    @Option(names = "--json", description = "one JSON document for scripts")
    boolean json;

    @Option(names = "--stores", paramLabel = "FILE",
            description = "store catalog (default: --stores-file, else the bundled stores.json; a scenario brings its own)")
    Path stores;

    @Option(names = "--horizon-days", paramLabel = "N", defaultValue = "14",
            description = "days ahead a scheduled fetch reads, the fetcher's HORIZON_DAYS (default: ${DEFAULT-VALUE})")
    int horizonDays;

    static final int USAGE = 2;

    /** An option mistake: exit 2 with one {@code error:} line. */
    private static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }

    /** A rule file (FILE or FILE2) the planner would refuse: exit 2 with its problems. */
    private static final class RefusedRules extends RuntimeException {
        final RuleFile.Rejected rejected;

        RefusedRules(RuleFile.Rejected rejected) {
            super(rejected.source());
            this.rejected = rejected;
        }
    }

    /** The stored states each rule set decides on, and how the header names their source. */
    private record States(Map<String, Map<String, BookingState>> mine, Map<String, Map<String, BookingState>> other,
                          String description) {}

    @Override
    protected int run(OperatorContext ctx) {
        try {
            return preview(ctx);
        } catch (UsageError e) {
            ctx.out().flush();
            ctx.err().println("error: " + e.getMessage());
            ctx.err().flush();
            return USAGE;
        } catch (RefusedRules e) {
            RulesValidateCommand.printRejected(ctx.out(), ctx.err(), e.rejected);
            return RulesCommand.INVALID;
        }
    }

    private int preview(OperatorContext ctx) {
        boolean pipeline = ctx.options().environment().isPresent() || ctx.options().localEnvironment().isPresent();
        checkOptions(pipeline);
        Instant atTime = parseAt();
        ScenarioFile scenarioFile = readScenario();
        StoreCatalog catalog = scenarioFile != null ? scenarioFile.stores() : RulesValidateCommand.catalog(ctx, stores);
        RuleSet rules = usable(RuleFile.load(file, catalog));
        RuleSet other = compare == null ? null
                : usable(DEFAULT_RULES.equals(compare) ? RuleFile.defaults(catalog) : RuleFile.load(Path.of(compare), catalog));
        List<StoreSettings> selected = selectStores(catalog, scenarioFile);

        Map<String, Object> source = new LinkedHashMap<>();
        Map<String, BookingPage> pages = new LinkedHashMap<>();
        ScenarioFile.Tick chosen = null;
        Instant when;
        if (scenarioFile != null) {
            chosen = chooseTick(scenarioFile, tick, atTime);
            when = atTime != null ? atTime : chosen.at().toInstant();
            for (StoreSettings s : selected) {
                pages.put(s.storeId(), chosen.bookings().getOrDefault(s.storeId(), new BookingPage(List.of(), List.of(), 0)));
            }
            source.put("bookings", "scenario " + scenario + ", ticks[" + chosen.index() + "] at " + chosen.at());
        } else {
            when = atTime != null ? atTime : ctx.clock().instant();
            PipelineTarget target = ctx.target();
            NaverBookings naver = new NaverBookings(new SessionStore(ctx.dynamo(), target.table(Topology.SESSIONS)),
                    ctx.naverBaseUrl(), horizonDays);
            for (StoreSettings s : selected) {
                NaverBookingClient.FetchResult r = naver.fetch(s, when);
                pages.put(s.storeId(), new BookingPage(r.bookings(), r.skipped(), r.bookings().size()));
            }
            LocalDate from = LocalDate.ofInstant(when, Messages.KST);
            source.put("bookings", "Naver " + ctx.naverBaseUrl() + " (" + from + " to " + from.plusDays(horizonDays)
                    + ", as a scheduled fetch reads them) with the sessions of " + target.describe());
        }
        States states = pipeline ? storedStates(ctx, selected, pages)
                : replay ? replayedStates(rules, other, scenarioFile, chosen, selected)
                : new States(Map.of(), null, "none: every booking counts as not seen yet (name an environment to read its bookings"
                        + " table, or pass --replay)");
        source.put("state", states.description());
        source.put("stores", selected.stream().map(StoreSettings::storeId).toList());

        PreviewReport report = Preview.run(when, rules, inputs(selected, pages, states.mine()));
        PreviewComparison comparison = other == null ? null : PreviewComparison.of(report,
                Preview.run(when, other, inputs(selected, pages, states.other() != null ? states.other() : states.mine())));
        if (json) {
            ctx.out().println(PreviewPrinter.json(source, report, comparison, showText));
            return OK;
        }
        List<String> header = new ArrayList<>();
        header.add("Preview of " + rules.source() + " at " + Kst.minutes(when) + " KST: nothing is sent or written");
        header.add("bookings: " + source.get("bookings"));
        header.add("state:    " + states.description());
        header.add("stores:   " + String.join(", ", selected.stream().map(s -> s.storeId() + " " + s.name()).toList()));
        Instant now = ctx.clock().instant();
        if (scenarioFile == null && Duration.between(now, when).abs().compareTo(Duration.ofMinutes(20)) > 0) {
            header.add("note:     the bookings are as Naver holds them now (" + Kst.minutes(now) + " KST); by "
                    + Kst.minutes(when) + " their statuses may differ");
        }
        PreviewPrinter.lines(header, report, comparison, showText).forEach(ctx.out()::println);
        return OK;
    }

    private void checkOptions(boolean pipeline) {
        if (scenario == null && (tick != null || replay)) {
            throw new UsageError((tick != null ? "--tick" : "--replay") + " needs --scenario FILE");
        }
        if (scenario == null && !pipeline) {
            throw new UsageError("preview needs bookings: name a pipeline (--env NAME or --local-env NAME with its "
                    + "endpoints) to read Naver through its sessions, or give --scenario FILE");
        }
        if (replay && pipeline) {
            throw new UsageError("--replay builds the state from the scenario; with an environment the state is read from its "
                    + "bookings table: use one or the other");
        }
        if (horizonDays < 1 || horizonDays > 366) {
            throw new UsageError("--horizon-days must be 1..366");
        }
    }

    private Instant parseAt() {
        try {
            return at == null ? null : PreviewTime.parse(at);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--at " + e.getMessage());
        }
    }

    private ScenarioFile readScenario() {
        try {
            return scenario == null ? null : ScenarioFile.read(scenario);
        } catch (ScenarioFile.InvalidScenarioException e) {
            throw new UsageError(e.getMessage());
        }
    }

    private static RuleSet usable(RuleFile file) {
        return switch (file) {
            case RuleFile.Usable u -> u.rules();
            case RuleFile.Rejected r -> throw new RefusedRules(r);
        };
    }

    private List<StoreSettings> selectStores(StoreCatalog catalog, ScenarioFile scenarioFile) {
        if (storeIds.isEmpty()) {
            return scenarioFile != null ? scenarioFile.storeIds().stream().map(catalog::require).toList() : catalog.enabled();
        }
        List<StoreSettings> selected = new ArrayList<>();
        for (String id : storeIds) {
            selected.add(catalog.find(id.strip()).orElseThrow(() -> new UsageError("store " + id.strip() + " is not in the "
                    + (scenarioFile != null ? "scenario's stores" : "store catalog"))));
        }
        return selected;
    }

    /** The states a cycle would read: the bookings table, read only, as the planner shell sees them. */
    private static States storedStates(OperatorContext ctx, List<StoreSettings> selected, Map<String, BookingPage> pages) {
        String table = ctx.target().table(Topology.BOOKINGS);
        BookingStateStore store = new BookingStateStore(ctx.dynamo(), table, ctx.clock());
        Instant now = ctx.clock().instant();
        // Pending marks younger than the planner's lease belong to a planner still at work: planned, as it sees them.
        Duration lease = Duration.ofSeconds(Topology.SNAPSHOT.consumerTimeoutSeconds());
        Map<String, Map<String, BookingState>> states = new HashMap<>();
        for (StoreSettings s : selected) {
            List<String> ids = pages.get(s.storeId()).bookings().stream().map(Booking::bookingId)
                    .filter(id -> id != null && !id.isBlank()).toList();
            Map<String, BookingState> mine = new HashMap<>();
            store.load(s.storeId(), ids).forEach((id, stored) -> mine.put(id, stored.forDecision(now, lease)));
            states.put(s.storeId(), mine);
        }
        return new States(states, null, "table " + table + " (read only)");
    }

    private static States replayedStates(RuleSet rules, RuleSet other, ScenarioFile scenario, ScenarioFile.Tick chosen,
                                         List<StoreSettings> selected) {
        List<Preview.PastSnapshot> past = new ArrayList<>();
        for (ScenarioFile.Tick t : scenario.ticks().subList(0, chosen.index())) {
            for (StoreSettings s : selected) {
                BookingPage page = t.bookings().get(s.storeId());
                if (page != null) {
                    past.add(new Preview.PastSnapshot(t.at().toInstant(), s, page.bookings()));
                }
            }
        }
        return new States(Preview.replay(rules, past), other == null ? null : Preview.replay(other, past),
                chosen.index() == 0 ? "none: ticks[0] has no earlier tick, every booking counts as not seen yet"
                        : "replayed in memory from ticks[0.." + (chosen.index() - 1) + "] with each rule file, as if every"
                        + " text planned had been sent");
    }

    static ScenarioFile.Tick chooseTick(ScenarioFile scenario, Integer index, Instant at) {
        List<ScenarioFile.Tick> ticks = scenario.ticks();
        if (index != null) {
            if (index < 0 || index >= ticks.size()) {
                throw new UsageError("--tick " + index + ": the scenario has ticks[0.." + (ticks.size() - 1) + "]");
            }
            return ticks.get(index);
        }
        if (at == null) {
            return ticks.get(0);
        }
        ScenarioFile.Tick latest = null;
        for (ScenarioFile.Tick t : ticks) {
            if (!t.at().toInstant().isAfter(at)) {
                latest = t;
            }
        }
        return latest != null ? latest : ticks.get(0);
    }

    private static List<Preview.StoreBookings> inputs(List<StoreSettings> selected, Map<String, BookingPage> pages,
                                                      Map<String, Map<String, BookingState>> states) {
        return selected.stream().map(s -> new Preview.StoreBookings(s, pages.get(s.storeId()).bookings(),
                pages.get(s.storeId()).skipped(), states.getOrDefault(s.storeId(), Map.of()))).toList();
    }
}
