package dev.placenotify.model;

/** SENS content type: COMM for service messages, AD for advertising (quiet hours and opt-out apply). */
public enum ContentType { COMM, AD }
