package org.otklik.server.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.otklik.engine.sla.BusinessCalendar;
import org.otklik.engine.sla.SlaTimer;
import org.otklik.server.conversation.ConversationView;
import org.otklik.server.conversation.Direction;
import org.otklik.server.conversation.MessageKind;
import org.otklik.server.conversation.MessageView;
import org.springframework.stereotype.Service;

/**
 * Which policy applies to a conversation, and its clocks: first response (from queued to the agent's first reply),
 * next response (from the user's latest unanswered message to the agent's answer), resolution (from creation to the
 * close, paused while the conversation waits for the user: from an agent's reply to the user's next message).
 */
@Service
public class SlaPolicies {

    /** A policy with its calendar built. */
    public record Policy(String name, String department, String channel, String priority, Duration firstResponse,
                         Duration nextResponse, Duration resolution, BusinessCalendar calendar) {

        boolean matches(String dept, String channelId, String prio) {
            return (department == null || department.equals(dept)) && (channel == null || channel.equals(channelId))
                    && (priority == null || priority.equals(prio));
        }
    }

    private final List<Policy> policies = new ArrayList<>();

    SlaPolicies(SlaProperties properties) {
        Map<String, BusinessCalendar> calendars = new HashMap<>();
        properties.calendars().forEach((name, spec) -> calendars.put(name, calendar(name, spec)));
        for (SlaProperties.PolicySpec p : properties.policies()) {
            BusinessCalendar calendar = p.calendar() == null ? BusinessCalendar.always(ZoneId.of("Europe/Moscow"))
                    : calendars.get(p.calendar());
            if (calendar == null) {
                throw new IllegalArgumentException("otklik.sla.policies: " + p.name() + " names calendar "
                        + p.calendar() + ", which otklik.sla.calendars does not define");
            }
            policies.add(new Policy(p.name(), p.department(), p.channel(), p.priority(), p.firstResponse(),
                    p.nextResponse(), p.resolution(), calendar));
        }
    }

    static BusinessCalendar calendar(String name, SlaProperties.CalendarSpec spec) {
        Map<DayOfWeek, List<BusinessCalendar.Hours>> weekly = new EnumMap<>(DayOfWeek.class);
        if (spec.hours() != null) {
            spec.hours().forEach((day, hours) -> weekly.put(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)),
                    hours(hours)));
        }
        Map<LocalDate, List<BusinessCalendar.Hours>> exceptions = new HashMap<>();
        if (spec.exceptions() != null) {
            spec.exceptions().forEach((date, hours) -> exceptions.put(date, hours(hours)));
        }
        try {
            return new BusinessCalendar(ZoneId.of(spec.zone() == null ? "Europe/Moscow" : spec.zone()), weekly,
                    spec.holidays() == null ? java.util.Set.of() : java.util.Set.copyOf(spec.holidays()), exceptions);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("otklik.sla.calendars." + name + ": " + e.getMessage(), e);
        }
    }

    private static List<BusinessCalendar.Hours> hours(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(BusinessCalendar.Hours::parse).toList();
    }

    /** The first policy that matches (there is always one: a catch-all is added when none is). */
    public Policy policyFor(String department, String channelId, String priority) {
        return policies.stream().filter(p -> p.matches(department, channelId, priority)).findFirst()
                .orElse(new Policy("none", null, null, null, null, null, null,
                        BusinessCalendar.always(ZoneId.of("Europe/Moscow"))));
    }

    public Policy policyFor(ConversationView c) {
        return policyFor(c.department(), c.channelId(), c.priority().wire());
    }

    /** The conversation's clocks now, from its times and messages. */
    public List<SlaClock> clocks(ConversationView c, List<MessageView> messages, Instant now) {
        Policy policy = policyFor(c);
        List<SlaClock> out = new ArrayList<>();
        if (policy.firstResponse() != null && c.queuedAt() != null) {
            out.add(clock("first_response", new SlaTimer(policy.firstResponse(), policy.calendar(), c.queuedAt(),
                    List.of(), c.firstReplyAt()), now));
        }
        if (policy.nextResponse() != null && c.firstReplyAt() != null && c.closedAt() == null) {
            Instant waiting = unansweredSince(messages);
            if (waiting != null) {
                out.add(clock("next_response", new SlaTimer(policy.nextResponse(), policy.calendar(), waiting,
                        List.of(), null), now));
            }
        }
        if (policy.resolution() != null) {
            out.add(clock("resolution", new SlaTimer(policy.resolution(), policy.calendar(), c.createdAt(),
                    pauses(messages, c.closedAt()), c.closedAt()), now));
        }
        return out;
    }

    private static SlaClock clock(String metric, SlaTimer timer, Instant now) {
        return new SlaClock(metric, timer.target(), timer.state(now).name().toLowerCase(Locale.ROOT),
                timer.dueAt(now), timer.remaining(now));
    }

    /** The user's first message after the agent's latest text, if the agent has not answered it yet. */
    static Instant unansweredSince(List<MessageView> messages) {
        Instant since = null;
        for (MessageView m : messages) {
            if (m.direction() == Direction.IN) {
                if (since == null) {
                    since = m.createdAt();
                }
            } else if (m.kind() == MessageKind.TEXT && m.agentId() != null) {
                since = null;
            }
        }
        return since;
    }

    /** Waiting for the user: from each agent's reply or resolution request to the user's next message. */
    static List<SlaTimer.Pause> pauses(List<MessageView> messages, Instant closedAt) {
        List<SlaTimer.Pause> out = new ArrayList<>();
        Instant from = null;
        for (MessageView m : messages) {
            boolean agentStep = m.direction() == Direction.OUT && m.agentId() != null
                    && (m.kind() == MessageKind.TEXT || m.kind() == MessageKind.RESOLUTION_REQUEST);
            if (agentStep && from == null) {
                from = m.createdAt();
            } else if (m.direction() == Direction.IN && from != null) {
                out.add(new SlaTimer.Pause(from, m.createdAt()));
                from = null;
            }
        }
        if (from != null && closedAt == null) {
            out.add(new SlaTimer.Pause(from, null));
        } else if (from != null) {
            out.add(new SlaTimer.Pause(from, closedAt));
        }
        return out;
    }

    /** What a closed conversation achieved: its resolution target, and its answered next responses. */
    public record Attainment(boolean resolutionMet, int nextResponses, int nextResponsesMet) {
    }

    /**
     * Counted when the conversation closes: whether it was resolved within the policy's resolution target (on its
     * calendar, paused while waiting for the user), and how many of the user's messages after an agent's answer were
     * answered again within the next-response target. A last message left unanswered at close (a "thank you") is
     * not counted.
     */
    public Attainment attainment(ConversationView c, List<MessageView> messages, Instant closedAt) {
        Policy p = policyFor(c);
        boolean resolutionMet = p.resolution() == null || new SlaTimer(p.resolution(), p.calendar(), c.createdAt(),
                pauses(messages, closedAt), closedAt).state(closedAt) == SlaTimer.State.MET;
        int next = 0;
        int met = 0;
        boolean answeredOnce = false;
        Instant since = null;
        for (MessageView m : messages) {
            boolean agentText = m.direction() == Direction.OUT && m.kind() == MessageKind.TEXT && m.agentId() != null;
            if (m.direction() == Direction.IN) {
                if (answeredOnce && since == null) {
                    since = m.createdAt();
                }
            } else if (agentText) {
                if (since != null && p.nextResponse() != null) {
                    next++;
                    if (new SlaTimer(p.nextResponse(), p.calendar(), since, List.of(), m.createdAt())
                            .state(m.createdAt()) == SlaTimer.State.MET) {
                        met++;
                    }
                }
                answeredOnce = true;
                since = null;
            }
        }
        return new Attainment(resolutionMet, next, met);
    }

    /** Whether a first response at {@code at} met the policy's target. */
    public boolean firstResponseMet(ConversationView c, Instant at) {
        Policy p = policyFor(c);
        if (p.firstResponse() == null || c.queuedAt() == null) {
            return true;
        }
        return new SlaTimer(p.firstResponse(), p.calendar(), c.queuedAt(), List.of(), at).state(at)
                == SlaTimer.State.MET;
    }

    /** When this policy's team is next at work, if it is closed at {@code at}; null when open. */
    public Instant reopensAt(Policy policy, Instant at) {
        BusinessCalendar cal = policy.calendar();
        return cal.isOpen(at) ? null : cal.nextOpen(at).orElse(null);
    }
}
