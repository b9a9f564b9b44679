/**
 * Reports. Today: live Micrometer metrics (messages received, conversations by state, assignments, wait before
 * assignment, closes by reason, CSAT scores) exported at {@code /actuator/prometheus}. Reports and KPIs by department,
 * agent and channel are built from the {@code conversation_event} history; they are not built yet.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reports")
package org.otklik.server.reports;
