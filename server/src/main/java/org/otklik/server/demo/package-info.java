/**
 * The demo ({@code ./otklik demo}): seeds departments' agents, canned replies and two channels, writes the credentials
 * file, and (traffic on) plays Russian-speaking users who write in, answer agents, confirm and rate, so the inbox is
 * alive. Active only with {@code otklik.demo.enabled=true}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo")
package org.otklik.server.demo;
