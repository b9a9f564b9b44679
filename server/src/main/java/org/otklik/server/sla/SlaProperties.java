package org.otklik.server.sla;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SLA settings ({@code otklik.sla.*}).
 *
 * @param calendars            named business-hours calendars
 * @param policies             the policies, the first that matches a conversation applies (none: the default)
 * @param warnBefore           a warning this long before a breach
 * @param escalationRecipients e-mail addresses told of breaches (department leads)
 * @param offHoursText         the answer to a new conversation that arrives when its calendar is closed;
 *                             {@code {time}} is when the team starts again
 */
@ConfigurationProperties("otklik.sla")
public record SlaProperties(Map<String, CalendarSpec> calendars, List<PolicySpec> policies, Duration warnBefore,
                            List<String> escalationRecipients, String escalationFrom, String offHoursText,
                            Duration checkInterval) {

    /**
     * A calendar: zone, hours per weekday ({@code MONDAY: "09:00-13:00,14:00-18:00"}, overnight as
     * {@code "22:00-06:00"}), holidays, and dates with other hours ({@code "" } closed).
     */
    public record CalendarSpec(String zone, Map<String, String> hours, List<LocalDate> holidays,
                               Map<LocalDate, String> exceptions) {
    }

    /**
     * A policy: it applies to conversations of the department, channel and priority it names (null: any), with
     * targets (null: none) counted on its calendar (null: always open).
     */
    public record PolicySpec(String name, String department, String channel, String priority,
                             Duration firstResponse, Duration nextResponse, Duration resolution, String calendar) {
    }

    public SlaProperties {
        calendars = calendars == null ? Map.of() : Map.copyOf(calendars);
        policies = policies == null || policies.isEmpty()
                ? List.of(new PolicySpec("vip", null, null, "vip", Duration.ofMinutes(5), Duration.ofMinutes(10),
                        Duration.ofHours(2), null),
                new PolicySpec("standard", null, null, null, Duration.ofMinutes(15), Duration.ofMinutes(30),
                        Duration.ofHours(24), null))
                : List.copyOf(policies);
        warnBefore = warnBefore == null ? Duration.ofMinutes(15) : warnBefore;
        escalationRecipients = escalationRecipients == null ? List.of() : List.copyOf(escalationRecipients);
        escalationFrom = escalationFrom == null ? "otklik@localhost" : escalationFrom;
        offHoursText = offHoursText == null
                ? "Здравствуйте! Сейчас мы не работаем, ответим {time}. Если вопрос срочный, напишите «срочно»."
                : offHoursText;
        checkInterval = checkInterval == null ? Duration.ofSeconds(30) : checkInterval;
    }
}
