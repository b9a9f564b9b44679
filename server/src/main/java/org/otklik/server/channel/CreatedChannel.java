package org.otklik.server.channel;

/** A channel just created or re-keyed, with its token: the only moment the token is known in clear. */
public record CreatedChannel(Channel channel, String token) {
}
