/**
 * Reports: live Micrometer metrics at {@code /actuator/prometheus}; report projections written as lifecycle events
 * happen (a row per conversation, daily rollups by department and channel, by agent, by region, and hourly), the
 * KPIs read from the rollups (REST, CSV, {@code ./otklik report}) and the leads' cockpit.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Reports")
package org.otklik.server.reports;
