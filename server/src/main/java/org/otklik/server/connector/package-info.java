/**
 * Connectors: the platforms' adapters (Telegram Bot API, VK Callback API, OK Bot API, e-mail over IMAP and SMTP)
 * behind one contract ({@link org.otklik.server.connector.ChannelAdapter}). Webhooks and pollers turn platform events
 * into inbound messages (through the inbound gateway) and public posts (through listening); every message to a user
 * and every public reply is delivered through a durable outbox with retries and backoff. Adapters hold no policy.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Connectors")
package org.otklik.server.connector;
