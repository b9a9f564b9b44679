/**
 * Advertisement moderation, run by the moderation team beside support: an ad platform submits applications with a
 * channel's token (idempotent on its own id); moderators (admins and agents with the skill {@code moderation}) take
 * the oldest pending first and approve or reject with a reason template, whose rendered text is stored and returned;
 * the platform learns decisions by polling. Every step is kept in an audit trail.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Ad moderation")
package org.otklik.server.moderation;
