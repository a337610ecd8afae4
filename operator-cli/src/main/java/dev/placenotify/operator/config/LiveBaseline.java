package dev.placenotify.operator.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreCatalogSchema;
import dev.placenotify.operator.OperatorContext;
import dev.placenotify.planner.rules.RuleSet;
import dev.placenotify.planner.rules.RuleSetParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The stores and rules the stages use now: the documents live in AppConfig, else the bundled defaults (what
 * a stage uses while nothing is deployed). A live document that is itself invalid (deployed by hand) is
 * reported and the comparison falls back to the bundled one, because the stages would not be using it either.
 */
record LiveBaseline(StoreCatalog stores, JsonNode storesDocument, String storesFrom, RuleSet rules,
                    JsonNode rulesDocument, String rulesFrom, List<String> warnings) {

    static LiveBaseline read(LiveConfigTarget target, OperatorContext ctx) {
        List<String> warnings = new ArrayList<>();
        StoreCatalog stores = null;
        JsonNode storesDoc = null;
        String storesFrom = null;
        Optional<LiveConfigTarget.Active> liveStores = target.active(ConfigKind.STORES);
        if (liveStores.isPresent()) {
            LiveConfigTarget.Active a = liveStores.get();
            try {
                stores = StoreCatalogSchema.parse(a.content(), "live stores version " + a.version());
                storesDoc = ConfigCandidate.read(a.content());
                storesFrom = "version " + a.version() + " (deployment " + a.deploymentNumber() + ", " + a.state() + ")";
            } catch (IllegalArgumentException e) {
                warnings.add("the live stores document (version " + a.version() + ") is itself invalid, so the stages keep "
                        + "their last good one: comparing with the bundled stores.json");
            }
        }
        if (stores == null) {
            stores = ctx.catalog();
            storesDoc = StoreCatalog.bundledDocument();
            storesFrom = "nothing deployed: the bundled stores.json";
        }
        RuleSet rules = null;
        JsonNode rulesDoc = null;
        String rulesFrom = null;
        Optional<LiveConfigTarget.Active> liveRules = target.active(ConfigKind.RULES);
        if (liveRules.isPresent()) {
            LiveConfigTarget.Active a = liveRules.get();
            try {
                rules = RuleSetParser.parse(a.content(), "live rules version " + a.version());
                rulesDoc = ConfigCandidate.read(a.content());
                rulesFrom = "version " + a.version() + " (deployment " + a.deploymentNumber() + ", " + a.state() + ")";
            } catch (IllegalArgumentException e) {
                warnings.add("the live rules document (version " + a.version() + ") is itself invalid, so the stages keep "
                        + "their last good one: comparing with the bundled rules.yaml");
            }
        }
        if (rules == null) {
            rules = RuleSetParser.defaults();
            rulesDoc = ConfigCandidate.read(bundledRules());
            rulesFrom = "nothing deployed: the bundled rules.yaml (the legacy v2's rules)";
        }
        return new LiveBaseline(stores, storesDoc, storesFrom, rules, rulesDoc, rulesFrom, List.copyOf(warnings));
    }

    JsonNode document(ConfigKind kind) {
        return kind == ConfigKind.STORES ? storesDocument : rulesDocument;
    }

    String from(ConfigKind kind) {
        return kind == ConfigKind.STORES ? storesFrom : rulesFrom;
    }

    private static String bundledRules() {
        try (InputStream in = RuleSetParser.class.getResourceAsStream(RuleSetParser.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no bundled " + RuleSetParser.DEFAULT_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
