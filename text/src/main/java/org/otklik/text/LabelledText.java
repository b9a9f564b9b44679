package org.otklik.text;

/** A text with the labels a senior agent gave it (the format of the team's data/triage-sample.jsonl). */
public record LabelledText(String id, String channel, String text, String kind, String department, boolean isPrivate,
                           boolean profanity, String outage, String lang, boolean translit) {
}
