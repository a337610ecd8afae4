package dev.placenotify.planner;

import dev.placenotify.model.StoreCatalog;
import dev.placenotify.planner.rules.RuleSet;

/** The store catalog and the rule set a chunk is planned by: always a pair that was checked together. */
public record PlannerSettings(StoreCatalog stores, RuleSet rules) {}
