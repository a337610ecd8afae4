package dev.placenotify.model;

/** SENS message type: SMS up to 90 EUC-KR bytes, LMS up to 2000 bytes with a subject. */
public enum SmsType { SMS, LMS }
