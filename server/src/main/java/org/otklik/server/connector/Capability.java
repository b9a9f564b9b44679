package org.otklik.server.connector;

/** What an adapter can do; asking for anything else fails with {@link UnsupportedCapability}. */
public enum Capability {
    /** The platform calls us: {@link ChannelAdapter#receive}. */
    WEBHOOK,
    /** We ask the platform for new events: {@link ChannelAdapter#poll}. */
    POLLING,
    /** Messages to a user in private: {@link ChannelAdapter#send}. */
    PRIVATE_MESSAGES,
    /** Public replies under a post or comment: {@link ChannelAdapter#send} with a public target. */
    PUBLIC_REPLIES
}
