package dev.placenotify.model;

/** What an SMS is for; the order is the order a customer must receive them in within one cycle. */
public enum MessageKind { CONFIRMATION, RESCHEDULE, REMINDER, EVENT, CANCELLATION }
