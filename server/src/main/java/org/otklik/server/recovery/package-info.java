/**
 * Access recovery and the data a service promised never to reveal: the service pushes its users' profiles (facts,
 * photos, usual region, recent posts); an agent opens a recovery case on a conversation, the user sends a photo of
 * themselves with the site on a screen (the web chat's upload, e-mail or a messenger attachment), the agent compares
 * it with the profile's photos side by side, sees fraud signals (not decisions) and decides; every step is audited.
 * Facts marked never-reveal are shown marked and no reply may contain them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access recovery")
package org.otklik.server.recovery;
