/**
 * Channels: where messages come from and where replies go (today the REST API channel and the web chat widget).
 * Holds each channel's token (as a hash) and default department.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Channels")
package org.otklik.server.channel;
