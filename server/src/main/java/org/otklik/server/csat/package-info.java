/** Customer satisfaction: after a conversation closes the user is asked for a 1-5 rating, accepted once. */
@org.springframework.modulith.ApplicationModule(displayName = "CSAT")
package org.otklik.server.csat;
