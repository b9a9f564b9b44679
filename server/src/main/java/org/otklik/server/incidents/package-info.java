/**
 * Outage incidents: a spike of outage reports (triaged messages and mentions) opens an incident (or a lead opens
 * one); every report while it is open joins it; the lead's one status answer goes to all of them, each through its
 * own channel (and at once to those who report later), and a follow-up when it is fixed; the incident report counts
 * who wrote, how fast they were answered, by component, region and channel.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incidents")
package org.otklik.server.incidents;
