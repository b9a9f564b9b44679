package org.otklik.server.triage;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The FAQ's automatic answers ({@code otklik.faq.*}).
 *
 * @param enabled   answer automatically at all
 * @param threshold how sure triage (a problem, no private data) and the FAQ match must both be, 0..1
 * @param prompt    asked after the automatic answer; the user confirms, or says no / writes to reach a person
 */
@ConfigurationProperties("otklik.faq")
public record FaqProperties(Boolean enabled, Double threshold, String prompt) {

    public FaqProperties {
        enabled = enabled == null || enabled;
        threshold = threshold == null ? org.otklik.text.AutoAnswer.DEFAULT_THRESHOLD : threshold;
        prompt = prompt == null ? "Это помогло? Если нет — нажмите «Нет» или просто напишите, и специалист подключится."
                : prompt;
    }
}
