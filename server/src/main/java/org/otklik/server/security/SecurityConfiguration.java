package org.otklik.server.security;

import org.otklik.server.agent.AgentManagement;
import org.otklik.server.channel.ChannelManagement;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/** Filter chains, most specific first: REST API, widget, webhooks, shared links, public resources, workspace. */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    /** No inline or foreign scripts anywhere a user's text is shown: a stored XSS would have nothing to run. */
    private static final String WORKSPACE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' "
            + "'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-src 'self'; frame-ancestors 'self'; "
            + "form-action 'self'; base-uri 'self'; object-src 'none'";
    /** A shared conversation is text and a style sheet: no script, no form, no frame. */
    private static final String SHARED_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";
    /** The widget frame may sit on any site, but runs only its own script. */
    private static final String WIDGET_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors *; base-uri 'self'; object-src 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain api(HttpSecurity http, AgentManagement agents, ChannelManagement channels) throws Exception {
        http.securityMatcher("/api/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .addFilterBefore(new BearerTokenFilter(agents, channels), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/token").permitAll()
                        .requestMatchers("/api/v1/inbound").hasRole("CHANNEL")
                        .requestMatchers(HttpMethod.POST, "/api/v1/mentions", "/api/v1/mentions/batch")
                        .hasRole("CHANNEL")
                        .requestMatchers(HttpMethod.GET, "/api/v1/mentions/outbox").hasRole("CHANNEL")
                        .requestMatchers(HttpMethod.POST, "/api/v1/conversations/*/confirmation",
                                "/api/v1/conversations/*/csat", "/api/v1/conversations/*/abandonment")
                        .hasRole("CHANNEL")
                        .requestMatchers(HttpMethod.GET, "/api/v1/conversations/*",
                                "/api/v1/conversations/*/messages").hasAnyRole("CHANNEL", "AGENT")
                        // the ad platform submits and polls; deciding is for agents (the module checks the skill)
                        .requestMatchers(HttpMethod.POST, "/api/v1/ad-applications").hasRole("CHANNEL")
                        .requestMatchers(HttpMethod.GET, "/api/v1/ad-applications", "/api/v1/ad-applications/*")
                        .hasAnyRole("CHANNEL", "AGENT")
                        .requestMatchers("/api/v1/admin/**").hasRole("ADMIN")
                        // opening an incident and answering everyone affected is a lead's decision
                        .requestMatchers(HttpMethod.POST, "/api/v1/incidents", "/api/v1/incidents/**").hasRole("ADMIN")
                        .anyRequest().hasRole("AGENT"))
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) ->
                                JsonErrors.write(response, 401, "authentication required: Authorization: Bearer <token>"))
                        .accessDeniedHandler((request, response, ex) ->
                                JsonErrors.write(response, 403, "this token may not call " + request.getMethod()
                                        + " " + request.getRequestURI().replaceAll("[^A-Za-z0-9/_.-]", ""))))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable());
        return http.build();
    }

    /** The widget serves anonymous users on any site: framable, no session, no cookies; visitors use a token header. */
    @Bean
    @Order(2)
    SecurityFilterChain widget(HttpSecurity http) throws Exception {
        http.securityMatcher("/widget/**", "/widget.js")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.frameOptions(f -> f.disable())
                        .contentSecurityPolicy(csp -> csp.policyDirectives(WIDGET_CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    /**
     * Read-only conversations shared by an escalation link: no sign-in (the unguessable token is the key), no session,
     * nothing to run, submit or frame, and no referrer that could carry the link elsewhere.
     */
    @Bean
    @Order(2)
    SecurityFilterChain shared(HttpSecurity http) throws Exception {
        http.securityMatcher("/shared/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(SHARED_CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    /** Platforms' webhooks: no session, no CSRF token; each adapter checks its platform's secret instead. */
    @Bean
    @Order(2)
    SecurityFilterChain webhooks(HttpSecurity http) throws Exception {
        http.securityMatcher("/webhooks/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(3)
    SecurityFilterChain publicResources(HttpSecurity http) throws Exception {
        http.securityMatcher("/actuator/health/**", "/actuator/health", "/actuator/prometheus", "/v3/api-docs/**",
                        "/swagger-ui/**", "/swagger-ui.html", "/webjars/**", "/css/**", "/js/**", "/favicon.ico",
                        "/error")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain workspace(HttpSecurity http, AgentPasswordAuthentication passwords) throws Exception {
        http.authenticationManager(new ProviderManager(passwords))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/workspace/login", "/demo").permitAll()
                        .requestMatchers("/workspace/admin/**").hasRole("ADMIN")
                        .requestMatchers(HttpMethod.POST, "/workspace/incidents", "/workspace/incidents/**")
                        .hasRole("ADMIN")
                        .anyRequest().hasRole("AGENT"))
                .formLogin(f -> f.loginPage("/workspace/login").defaultSuccessUrl("/workspace", true).permitAll())
                .logout(l -> l.logoutUrl("/workspace/logout").logoutSuccessUrl("/workspace/login?logout"))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(WORKSPACE_CSP))
                        .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }
}
