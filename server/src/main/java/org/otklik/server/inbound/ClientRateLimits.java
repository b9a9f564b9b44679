package org.otklik.server.inbound;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;
import org.otklik.server.shared.Secrets;

/**
 * Per-client rate limits on inbound requests, as token buckets (Bucket4j): a web-chat visitor (by the hash of their
 * token) and a network address on the web chat, and optionally a credential (an API channel's bearer token) on the
 * inbound and mentions API. Platforms' webhooks are not limited per client: a platform re-delivers what is refused,
 * and an outage's burst is exactly what must come in; the global in-flight cap protects the server from them.
 *
 * @param perVisitor   requests a second one visitor may sustain (0: no limit); {@code visitorBurst} at once
 * @param perAddress   requests a second one network address may sustain on the web chat (0: no limit)
 * @param perCredential requests a second one bearer token may sustain on the inbound API (0: no limit, the default)
 */
record ClientRateLimits(double perVisitor, int visitorBurst, double perAddress, int addressBurst,
                        double perCredential, int credentialBurst, TimeMeter time,
                        Cache<String, Bucket> buckets) {

    /** Which limit refused a request, and how long until it may try again. */
    record Refusal(String client, long retryAfterSeconds) {
    }

    static ClientRateLimits of(double perVisitor, int visitorBurst, double perAddress, int addressBurst,
                               double perCredential, int credentialBurst, TimeMeter time) {
        return new ClientRateLimits(perVisitor, visitorBurst, perAddress, addressBurst, perCredential,
                credentialBurst, time, Caffeine.newBuilder().maximumSize(200_000)
                        .expireAfterAccess(Duration.ofMinutes(10)).build());
    }

    /** Takes one token from every bucket that applies to this request; the first empty one refuses it. */
    Optional<Refusal> take(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.startsWith("/widget/api/")) {
            String visitor = request.getHeader("X-Visitor-Token");
            if (visitor != null) {
                Optional<Refusal> refused = take("visitor", Secrets.sha256(visitor), perVisitor, visitorBurst);
                if (refused.isPresent()) {
                    return refused;
                }
            }
            return take("address", request.getRemoteAddr(), perAddress, addressBurst);
        }
        if (path.startsWith("/api/v1/")) {
            String credential = request.getHeader("Authorization");
            if (credential != null) {
                return take("credential", Secrets.sha256(credential), perCredential, credentialBurst);
            }
        }
        return Optional.empty();
    }

    private Optional<Refusal> take(String client, String key, double perSecond, int burst) {
        if (perSecond <= 0) {
            return Optional.empty();
        }
        Bucket bucket = buckets.get(client + ":" + key, k -> Bucket.builder()
                .addLimit(limit -> limit.capacity(Math.max(1, burst))
                        .refillGreedy(Math.max(1, Math.round(perSecond * 60)), Duration.ofMinutes(1)))
                .withCustomTimePrecision(time).build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
        return Optional.of(new Refusal(client, seconds));
    }
}
