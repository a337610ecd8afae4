package dev.placenotify.model;

/** A global secondary index of one table: string keys, all attributes projected. */
public record IndexSpec(String name, String partitionKey, String sortKey) {}
