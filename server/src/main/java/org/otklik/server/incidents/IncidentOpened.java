package org.otklik.server.incidents;

import java.time.Instant;

/** An outage incident opened: by the detector ({@code openedBy} null) or by a lead. */
public record IncidentOpened(long incidentId, String trigger, Long openedBy, Instant at) {
}
