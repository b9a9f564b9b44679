/**
 * SLA: policies chosen by department, channel and priority, with first-response, next-response and resolution
 * targets counted on business-hours calendars (the engine's {@code sla} package); clocks per conversation, warnings
 * before a breach and breaches as events, escalation, and the off-hours answer.
 */
@org.springframework.modulith.ApplicationModule(displayName = "SLA")
package org.otklik.server.sla;
