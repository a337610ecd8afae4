package dev.placenotify.planner.rules;

import dev.placenotify.model.Required;
import dev.placenotify.model.RunNote;
import java.util.Set;

/** A rule's line in the run's summary (Slack digest and/or Telegram), once per booking like a text. */
public record NoteAction(String text, Set<RunNote.Channel> channels, KeyScope key) {
    public NoteAction {
        Required.field(text, "note.text");
        channels = channels == null || channels.isEmpty() ? Set.of(RunNote.Channel.SLACK) : Set.copyOf(channels);
        key = key == null ? KeyScope.BOOKING : key;
    }
}
