/** Administration: agents (skills, caps, roles), canned replies, channels and departments, by REST and in the UI. */
@org.springframework.modulith.ApplicationModule(displayName = "Admin")
package org.otklik.server.admin;
