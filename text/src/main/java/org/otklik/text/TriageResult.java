package org.otklik.text;

import java.util.Map;

/**
 * What triage understood of one text.
 *
 * @param kind       problem | negative_action | negative_vague | negative_outdated | context | praise
 * @param department payments | access | violations | other, for problems and for texts that may well be problems
 *                   (so that a misread problem keeps its queue); else null
 * @param isPrivate  answering needs the user's personal or account data: move the reply to private messages
 * @param profanity  obscene or abusive swearing, masked and transliterated forms included
 * @param outage     site | app | profile when the text reports a failure happening now; else null
 * @param lang       ISO 639-1 code of the main language (Russian typed in Latin letters is ru, with translit set)
 * @param confidence per decision (kind, department, private, profanity, outage, lang), 0..1
 */
public record TriageResult(String kind, String department, boolean isPrivate, boolean profanity, String outage,
                           String lang, boolean translit, Map<String, Double> confidence) {

    public boolean isProblem() {
        return "problem".equals(kind);
    }
}
