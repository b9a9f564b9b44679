/**
 * The demo ({@code ./otklik demo}): seeds departments' agents, canned replies, two channels and listening streams,
 * a few ad applications in the moderation queue, two users' profiles for access recovery,
 * writes the credentials file, and (traffic on) plays Russian-speaking users who write in, answer agents, confirm and
 * rate, and a crawler of public posts for the mentions inbox, so the workspace is alive. Active only with
 * {@code otklik.demo.enabled=true}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Demo")
package org.otklik.server.demo;
