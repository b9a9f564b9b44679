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
 */
@Configuration
class InboundAdmission {

    static final String[] PATHS = {"/api/v1/inbound", "/widget/api/*", "/webhooks/*",
            "/api/v1/mentions", "/api/v1/mentions/batch"};

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> inboundAdmissionFilter(
            @Value("${otklik.inbound.max-in-flight:512}") int maxInFlight,
            @Value("${otklik.inbound.admission-wait:1s}") java.time.Duration wait, MeterRegistry meters) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("otklik.inbound.max-in-flight must be at least 1");
        }
        Semaphore room = new Semaphore(maxInFlight);
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
                boolean admitted;
                try {
                    admitted = room.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    admitted = false;
                }
                if (!admitted) {
                    refused.increment();
                    response.setStatus(503);
                    response.setHeader("Retry-After", "1");
                    response.setContentType("application/json");
                    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                    response.getWriter().write("{\"error\":\"the server is full; deliver this message again\"}");
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
}
