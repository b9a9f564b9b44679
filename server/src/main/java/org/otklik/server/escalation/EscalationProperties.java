package org.otklik.server.escalation;

import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Escalation settings ({@code otklik.escalation.*}).
 *
 * @param departmentLeads      lead addresses per department code; a department without any falls back to
 *                             {@code leadRecipients}, then to {@code otklik.sla.escalation-recipients}
 * @param leadRecipients       lead addresses for every department without its own
 * @param prRecipients         who receives read-only shares escalated to PR
 * @param developersRecipients who receives read-only shares escalated to developers
 * @param productRecipients    who receives the monthly feature-request summary
 * @param from                 the sender (none: {@code otklik.sla.escalation-from})
 * @param shareDays            how many days a read-only share link works
 */
@ConfigurationProperties("otklik.escalation")
public record EscalationProperties(Map<String, List<String>> departmentLeads, List<String> leadRecipients,
                                   List<String> prRecipients, List<String> developersRecipients,
                                   List<String> productRecipients, String from, Integer shareDays) {

    public EscalationProperties {
        departmentLeads = departmentLeads == null ? Map.of() : Map.copyOf(departmentLeads);
        leadRecipients = clean(leadRecipients);
        prRecipients = clean(prRecipients);
        developersRecipients = clean(developersRecipients);
        productRecipients = clean(productRecipients);
        shareDays = shareDays == null ? 14 : shareDays;
        if (shareDays < 1) {
            throw new IllegalArgumentException("otklik.escalation.share-days must be at least 1");
        }
    }

    private static List<String> clean(List<String> addresses) {
        return addresses == null ? List.of() : addresses.stream().map(String::strip).filter(a -> !a.isEmpty())
                .toList();
    }
}
