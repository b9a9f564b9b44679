package org.otklik.server.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Backpressure for everything users' messages come in by (the inbound API, the widget, platform webhooks, mentions):
 * at most {@code otklik.inbound.max-in-flight} such requests are handled at once. A request that finds no room within
 * {@code otklik.inbound.admission-wait} is answered 503 with Retry-After at once, before anything is read or stored,
 * and the platform delivers it again later (every platform retries a non-2xx webhook; our inbound writes are
 * idempotent on the channel's message id). Without it a burst above what the database can store piles up requests in
 * memory until the server runs out of heap and answers nobody.
 *
 * <p>Before that, per-client rate limits ({@link ClientRateLimits}, {@code otklik.inbound.rate-limits.*}): a web-chat
 * visitor or address, or an API credential, that sends faster than its limit is answered 429 with Retry-After and
 * takes no room from the others.
 */
@Configuration
class InboundAdmission {

    static final String[] PATHS = {"/api/v1/inbound", "/widget/api/*", "/webhooks/*",
            "/api/v1/mentions", "/api/v1/mentions/batch"};

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> inboundAdmissionFilter(
            @Value("${otklik.inbound.max-in-flight:512}") int maxInFlight,
            @Value("${otklik.inbound.admission-wait:1s}") java.time.Duration wait, MeterRegistry meters,
            @Value("${otklik.inbound.rate-limits.per-visitor:1}") double perVisitor,
            @Value("${otklik.inbound.rate-limits.visitor-burst:10}") int visitorBurst,
            @Value("${otklik.inbound.rate-limits.per-address:20}") double perAddress,
            @Value("${otklik.inbound.rate-limits.address-burst:100}") int addressBurst,
            @Value("${otklik.inbound.rate-limits.per-credential:0}") double perCredential,
            @Value("${otklik.inbound.rate-limits.credential-burst:1000}") int credentialBurst) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("otklik.inbound.max-in-flight must be at least 1");
        }
        Semaphore room = new Semaphore(maxInFlight);
        ClientRateLimits limits = ClientRateLimits.of(perVisitor, visitorBurst, perAddress, addressBurst,
                perCredential, credentialBurst, io.github.bucket4j.TimeMeter.SYSTEM_NANOTIME);
        Counter refused = Counter.builder("otklik_inbound_refused_total")
                .description("inbound requests answered 503 because the server was full").register(meters);
        OncePerRequestFilter filter = new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
                                            FilterChain chain) throws ServletException, IOException {
                if (!"POST".equals(request.getMethod())) {
                    chain.doFilter(request, response);
                    return;
                }
                java.util.Optional<ClientRateLimits.Refusal> limited = limits.take(request);
                if (limited.isPresent()) {
                    Counter.builder("otklik_inbound_rate_limited_total")
                            .description("inbound requests answered 429: a client sent faster than its limit")
                            .tag("client", limited.get().client()).register(meters).increment();
                    answer(response, 429, limited.get().retryAfterSeconds(), "too many requests from this "
                            + limited.get().client() + "; retry after " + limited.get().retryAfterSeconds() + " s");
                    return;
                }
                boolean admitted;
                try {
                    admitted = room.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    admitted = false;
                }
                if (!admitted) {
                    refused.increment();
                    answer(response, 503, 1, "the server is full; deliver this message again");
                    return;
                }
                try {
                    chain.doFilter(request, response);
                } finally {
                    room.release();
                }
            }
        };
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(PATHS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10); // before security: a full server does no work at all
        registration.setName("inboundAdmission");
        return registration;
    }

    private static void answer(HttpServletResponse response, int status, long retryAfterSeconds, String error)
            throws IOException {
        response.setStatus(status);
        response.setHeader("Retry-After", String.valueOf(retryAfterSeconds));
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"error\":\"" + error + "\"}");
    }
}
