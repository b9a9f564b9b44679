package org.otklik.server.triage;

/** A message's triage: as predicted, and as corrected by an agent (null when nobody corrected it). */
public record MessageLabels(long messageId, long conversationId, Labels predicted, Labels corrected) {

    /** What the desk should believe: the correction if there is one. */
    public Labels effective() {
        return corrected != null ? corrected : predicted;
    }
}
