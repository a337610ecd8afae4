package dev.placenotify.operator.legacy;

import dev.placenotify.operator.Kst;
import dev.placenotify.operator.OperatorCommand;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.operator.TextTable;
import dev.placenotify.operator.legacy.LegacyImport.Kind;
import dev.placenotify.model.Topology;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Turns the legacy table's items into place-notify booking state, so that nothing the legacy already sent
 * is sent again and nothing it still owes is lost. A dry run unless {@code --yes}; running it again
 * changes nothing (every write only adds what is missing).
 */
@Command(name = "import", sortOptions = false,
        description = "import the legacy table (what it already sent) into the bookings table; a dry run unless --yes")
public final class LegacyImportCommand extends OperatorCommand {
    @Option(names = "--table", required = true, paramLabel = "NAME", description = "the legacy DynamoDB table (the legacy's: sms)")
    String table;

    @Option(names = "--legacy-endpoint", paramLabel = "URL",
            description = "DynamoDB endpoint of the legacy table (default: the pipeline's DynamoDB endpoint)")
    URI legacyEndpoint;

    @Option(names = "--legacy-region", paramLabel = "R", description = "region of the legacy table (default: --region)")
    String legacyRegion;

    @Option(names = "--legacy-profile", paramLabel = "NAME",
            description = "AWS profile with read access to the legacy table, when it is in another account")
    String legacyProfile;

    @Option(names = "--state-ttl-days", paramLabel = "N", defaultValue = "30",
            description = "how long a state outlives the reservation's start, the planner's STATE_TTL_DAYS (default: ${DEFAULT-VALUE})")
    int stateTtlDays;

    @Option(names = "--details", description = "also list every booking the import creates or updates, with the keys it adds")
    boolean details;

    @Override
    protected int run(OperatorContext ctx) {
        if (stateTtlDays < 1) {
            ctx.err().println("error: --state-ttl-days must be at least 1");
            return 2;
        }
        boolean write = ctx.options().yes();
        boolean ownClient = legacyEndpoint != null || legacyRegion != null || legacyProfile != null;
        Optional<URI> endpoint = Optional.ofNullable(legacyEndpoint).or(() -> ctx.options().dynamo());
        String region = legacyRegion != null ? legacyRegion : ctx.options().region();
        String where = endpoint.map(u -> "dynamodb " + u).orElse("dynamodb in " + region)
                + (legacyProfile == null ? "" : ", profile " + legacyProfile);
        String bookings = ctx.target().table(Topology.BOOKINGS);
        Instant importAt = ctx.clock().instant();
        DynamoDbClient legacy = ownClient ? LegacyTableClient.open(endpoint, region, Optional.ofNullable(legacyProfile)) : ctx.dynamo();
        LegacyImport.Report report;
        try {
            report = new LegacyImport(legacy, table, where, ctx.dynamo(), bookings, ctx.catalog(),
                    Duration.ofDays(stateTtlDays)).run(importAt, write);
        } finally {
            if (ownClient) {
                legacy.close();
            }
        }
        print(ctx.out(), report, write, table, where, bookings, ctx.target().describe(), importAt, stateTtlDays, details);
        return OK;
    }

    static void print(PrintWriter out, LegacyImport.Report r, boolean write, String table, String where, String bookings,
                      String target, Instant importAt, int ttlDays, boolean details) {
        out.println("legacy import: table " + table + " (" + where + ") into " + bookings + " of " + target);
        out.println(write ? "writing (--yes)" : "DRY RUN: nothing is written (pass --yes to write)");
        out.println("import time " + Kst.seconds(importAt) + ": imported bookings count as seen from then on");
        out.println();
        long bookingsCount = r.outcomes().size();
        TextTable t = new TextTable("", "");
        t.row("scanned", r.scanned() + " items (" + bookingsCount + " bookings, " + r.unmappable().size() + " not mappable)");
        t.row(write ? "created" : "would create", r.count(Kind.CREATE));
        t.row(write ? "updated" : "would update", r.count(Kind.UPDATE));
        t.row("unchanged", r.count(Kind.UNCHANGED));
        t.row("too old", r.count(Kind.TOO_OLD) + " (reservation started over " + ttlDays
                + " days ago: its state would already have expired)");
        t.row("not mappable", r.unmappable().size());
        t.row("sent by legacy", r.sentByRule().isEmpty() ? "nothing" : r.sentByRule().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")));
        t.lines().stream().skip(1).forEach(out::println);
        if (details) {
            var changed = r.outcomes().stream().filter(o -> o.kind() == Kind.CREATE || o.kind() == Kind.UPDATE).toList();
            out.println();
            out.println((write ? "Written" : "Would write") + " (" + changed.size() + ")");
            if (!changed.isEmpty()) {
                TextTable d = new TextTable("STORE", "BOOKING", "START (KST)", "ACTION", "KEYS ADDED");
                changed.forEach(o -> d.row(o.booking().storeId(), o.booking().bookingId(), Kst.minutes(o.booking().startAt()),
                        o.kind() == Kind.CREATE ? "create" : "update",
                        o.addedKeys().isEmpty() ? "(none: seen from now on)" : String.join(" ", o.addedKeys())));
                d.lines().forEach(l -> out.println("  " + l));
            }
        }
        if (!r.unmappable().isEmpty()) {
            out.println();
            out.println("Not mappable (" + r.unmappable().size() + "): nothing imported for these; fix them in the legacy"
                    + " table and run the import again, or check them by hand");
            TextTable u = new TextTable("BOOKING_NUM", "PHONE", "NAME", "REASON");
            r.unmappable().forEach(x -> u.row(x.bookingNum(), x.phone(), x.name(), x.reason()));
            u.lines().forEach(l -> out.println("  " + l));
        }
    }
}
