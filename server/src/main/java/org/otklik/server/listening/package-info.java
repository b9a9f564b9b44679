/**
 * Social listening: saved keyword streams over public posts and comments; each post that arrives (from a crawler
 * through {@code POST /api/v1/mentions}, later from VK, OK and Telegram) is matched against the streams (Lucene
 * Monitor, see the text module), triaged, and stored as a mention; agents answer the actionable ones in place, move
 * them to private messages or turn them into conversations; the processed share is counted, and digests go out
 * three times a day.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Listening")
package org.otklik.server.listening;
