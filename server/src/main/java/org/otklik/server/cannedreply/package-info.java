/**
 * Canned replies in the brand's tone, with variables ({@code {{contact.name}}}, {@code {{agent.name}}},
 * {@code {{conversation.id}}}, {@code {{department.name}}}, each with an optional default: {@code {{contact.name|друг}}}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Canned replies")
package org.otklik.server.cannedreply;
