package org.otklik.server.csat;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** @param requestText what the user is asked after a close ({@code otklik.csat.request-text}) */
@ConfigurationProperties("otklik.csat")
public record CsatProperties(String requestText) {

    public CsatProperties {
        requestText = requestText == null
                ? "Спасибо, что написали нам! Оцените, пожалуйста, нашу помощь от 1 до 5." : requestText;
    }
}
