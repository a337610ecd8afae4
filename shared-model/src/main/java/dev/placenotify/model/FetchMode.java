package dev.placenotify.model;

/** NORMAL plans messages like a scheduled cycle; SEED only records state (store onboarding, state recovery). */
public enum FetchMode { NORMAL, SEED }
