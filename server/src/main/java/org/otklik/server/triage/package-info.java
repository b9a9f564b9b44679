/**
 * Triage: every inbound message is read (kind, department, private data, profanity, outage, language) by the text
 * module's models before it is queued, so a problem goes to its department's queue; the labels are stored with the
 * message, shown to agents, and agents' corrections become new labelled data.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Triage")
package org.otklik.server.triage;
