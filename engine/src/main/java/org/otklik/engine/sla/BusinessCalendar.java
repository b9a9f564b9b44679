package org.otklik.engine.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * When a team works: a time zone, weekly hours per day (split hours, and overnight hours that end the next morning),
 * holidays (closed all day) and one-off exceptions (other hours on one date). SLA clocks count only the open time
 * of a calendar. Hours are local wall-clock times: on a day a zone moves its clocks, an opening of 09:00-18:00 is
 * as long as the wall clock says (8 or 10 real hours); a time that does not exist is taken the way
 * {@link ZonedDateTime} resolves it.
 */
public final class BusinessCalendar {

    /** Open from {@code start} to {@code end} local time; an {@code end} at or before {@code start} is the next day. */
    public record Hours(LocalTime start, LocalTime end) {
        public Hours {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
        }

        public boolean overnight() {
            return !end.isAfter(start);
        }

        /** "09:00-18:00". */
        public static Hours parse(String text) {
            String[] parts = text.strip().split("-");
            if (parts.length != 2) {
                throw new IllegalArgumentException("hours must look like 09:00-18:00, not " + text);
            }
            return new Hours(LocalTime.parse(parts[0].strip()), LocalTime.parse(parts[1].strip()));
        }
    }

    /** An open stretch of real time. */
    public record Open(Instant from, Instant to) {
    }

    private static final int SEARCH_DAYS = 800;

    private final ZoneId zone;
    private final Map<DayOfWeek, List<Hours>> weekly;
    private final Set<LocalDate> holidays;
    private final Map<LocalDate, List<Hours>> exceptions;

    public BusinessCalendar(ZoneId zone, Map<DayOfWeek, List<Hours>> weekly, Set<LocalDate> holidays,
                            Map<LocalDate, List<Hours>> exceptions) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.weekly = new EnumMap<>(DayOfWeek.class);
        weekly.forEach((d, h) -> this.weekly.put(d, List.copyOf(h)));
        this.holidays = Set.copyOf(holidays);
        this.exceptions = Map.copyOf(exceptions);
    }

    /** Open all the time (a 24/7 team, or a policy that counts calendar time). */
    public static BusinessCalendar always(ZoneId zone) {
        Map<DayOfWeek, List<Hours>> all = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            all.put(d, List.of(new Hours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT)));
        }
        return new BusinessCalendar(zone, all, Set.of(), Map.of());
    }

    public ZoneId zone() {
        return zone;
    }

    /** The hours of one local date (its exception, else nothing on a holiday, else its weekday's hours). */
    public List<Hours> hoursOn(LocalDate date) {
        if (exceptions.containsKey(date)) {
            return exceptions.get(date);
        }
        if (holidays.contains(date)) {
            return List.of();
        }
        return weekly.getOrDefault(date.getDayOfWeek(), List.of());
    }

    /** The open stretches that start on this local date (an overnight one ends the next day). */
    List<Open> openingsOn(LocalDate date) {
        List<Open> out = new ArrayList<>();
        for (Hours h : hoursOn(date)) {
            ZonedDateTime from = date.atTime(h.start()).atZone(zone);
            ZonedDateTime to = (h.overnight() ? date.plusDays(1) : date).atTime(h.end()).atZone(zone);
            if (to.isAfter(from)) {
                out.add(new Open(from.toInstant(), to.toInstant()));
            }
        }
        out.sort((a, b) -> a.from().compareTo(b.from()));
        return out;
    }

    public boolean isOpen(Instant at) {
        LocalDate day = at.atZone(zone).toLocalDate();
        for (LocalDate d = day.minusDays(1); !d.isAfter(day); d = d.plusDays(1)) {
            for (Open o : openingsOn(d)) {
                if (!at.isBefore(o.from()) && at.isBefore(o.to())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The first open instant at or after {@code at}; empty when the calendar has no open time for two years. */
    public Optional<Instant> nextOpen(Instant at) {
        if (isOpen(at)) {
            return Optional.of(at);
        }
        LocalDate day = at.atZone(zone).toLocalDate();
        for (int i = 0; i < SEARCH_DAYS; i++) {
            for (Open o : openingsOn(day.plusDays(i))) {
                if (o.from().isAfter(at)) {
                    return Optional.of(o.from());
                }
            }
        }
        return Optional.empty();
    }

    /** Open time between two instants. */
    public Duration openBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate first = from.atZone(zone).toLocalDate().minusDays(1);
        LocalDate last = to.atZone(zone).toLocalDate();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            for (Open o : openingsOn(d)) {
                Instant a = o.from().isAfter(from) ? o.from() : from;
                Instant b = o.to().isBefore(to) ? o.to() : to;
                if (b.isAfter(a)) {
                    total = total.plus(Duration.between(a, b));
                }
            }
        }
        return total;
    }

    /**
     * The instant at which {@code amount} of open time has passed since {@code from}.
     *
     * @throws IllegalStateException when the calendar has no open time in the next two years
     */
    public Instant addOpenTime(Instant from, Duration amount) {
        Duration left = amount;
        LocalDate day = from.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < SEARCH_DAYS; i++) {
            for (Open o : openingsOn(day.plusDays(i))) {
                if (!o.to().isAfter(from)) {
                    continue;
                }
                Instant a = o.from().isAfter(from) ? o.from() : from;
                Duration here = Duration.between(a, o.to());
                if (left.compareTo(here) <= 0) {
                    return a.plus(left);
                }
                left = left.minus(here);
            }
        }
        throw new IllegalStateException("the calendar has no open time in the next " + SEARCH_DAYS + " days");
    }
}
