package dev.placenotify.planner;

import dev.placenotify.model.StoreCatalog;
import dev.placenotify.model.StoreCatalogSchema;
import dev.placenotify.planner.rules.RuleSet;
import dev.placenotify.planner.rules.RuleSetCheck;
import dev.placenotify.planner.rules.RuleSetParser;
import dev.placenotify.shell.config.AppConfigSettings;
import dev.placenotify.shell.config.ConfigFeed;
import dev.placenotify.shell.config.LiveConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where the planner's rules and stores come from. Without live configuration: the files when configured,
 * else the bundled defaults (the legacy v2's rule set), loaded once. With AppConfig: the documents deployed
 * to the stores and rules profiles (an empty profile falls back to the file or bundled default), re-read
 * when Powertools' cache expires. Either way the rules are validated against the schema and checked against
 * the store catalog they will be used with; a pair that fails is never used (see {@link LiveConfig}).
 */
public final class RuleSetSource {
    private RuleSetSource() {}

    public static RuleSet load(Optional<Path> file, StoreCatalog stores) {
        RuleSet rules = file.map(RuleSetSource::read).orElseGet(RuleSetParser::defaults);
        return RuleSetCheck.require(rules, stores);
    }

    public static RuleSet read(Path file) {
        try {
            return RuleSetParser.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule file " + file, e);
        }
    }

    /** The planner's settings, live from {@code feed} over the files (or bundled defaults) named by {@code config}. */
    public static LiveConfig<PlannerSettings> live(PlannerConfig config, ConfigFeed feed) {
        AppConfigSettings app = config.appConfig();
        return new LiveConfig<>("planner settings", List.of(app.storesProfile(), app.rulesProfile()), feed, docs -> {
            StoreCatalog stores = docs.of(app.storesProfile())
                    .map(text -> StoreCatalogSchema.parse(text, "from AppConfig profile " + app.storesProfile()))
                    .orElseGet(() -> StoreCatalog.load(config.storesFile()));
            RuleSet rules = docs.of(app.rulesProfile())
                    .map(text -> RuleSetParser.parse(text, "from AppConfig profile " + app.rulesProfile()))
                    .orElseGet(() -> config.rulesFile().map(RuleSetSource::read).orElseGet(RuleSetParser::defaults));
            return new PlannerSettings(stores, RuleSetCheck.require(rules, stores));
        });
    }
}
