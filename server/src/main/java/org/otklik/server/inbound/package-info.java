/**
 * Where users' messages enter Otklik: the REST API channel ({@code POST /api/v1/inbound}, confirmations, ratings) and
 * the web chat widget. Validates what channels send, hands it to the conversation module exactly once, and answers
 * with where the conversation stands in its queue.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Inbound")
package org.otklik.server.inbound;
