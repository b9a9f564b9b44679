package org.otklik.engine.sla;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SLA clock arithmetic with fixed instants: the calendars teams really have, pauses, and the exact boundary. */
class SlaTimerTest {

    static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow"); // no DST since 2014
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin"); // DST: 2026-03-29 02:00 -> 03:00, 2026-10-25 03:00 -> 02:00

    static Instant at(ZoneId zone, String local) {
        return LocalDateTime.parse(local).atZone(zone).toInstant();
    }

    static Map<DayOfWeek, List<BusinessCalendar.Hours>> weekdays(String... hours) {
        Map<DayOfWeek, List<BusinessCalendar.Hours>> m = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY,
                DayOfWeek.FRIDAY)) {
            m.put(d, java.util.Arrays.stream(hours).map(BusinessCalendar.Hours::parse).toList());
        }
        return m;
    }

    static BusinessCalendar officeHours(ZoneId zone) {
        return new BusinessCalendar(zone, weekdays("09:00-18:00"), Set.of(), Map.of());
    }

    @Test
    void officeHoursSkipTheNightAndTheWeekend() {
        BusinessCalendar cal = officeHours(MOSCOW);
        // Friday 17:30 + 1 h of open time = Monday 09:30
        Instant friday = at(MOSCOW, "2026-11-20T17:30");
        assertThat(cal.addOpenTime(friday, Duration.ofHours(1))).isEqualTo(at(MOSCOW, "2026-11-23T09:30"));
        assertThat(cal.openBetween(friday, at(MOSCOW, "2026-11-23T09:30"))).isEqualTo(Duration.ofHours(1));
        assertThat(cal.isOpen(at(MOSCOW, "2026-11-21T12:00"))).isFalse();
        assertThat(cal.nextOpen(at(MOSCOW, "2026-11-21T12:00"))).contains(at(MOSCOW, "2026-11-23T09:00"));
    }

    @Test
    void splitHoursHaveALunchBreak() {
        BusinessCalendar cal = new BusinessCalendar(MOSCOW, weekdays("09:00-13:00", "14:00-18:00"), Set.of(), Map.of());
        assertThat(cal.addOpenTime(at(MOSCOW, "2026-11-23T12:30"), Duration.ofHours(1)))
                .isEqualTo(at(MOSCOW, "2026-11-23T14:30"));
        assertThat(cal.isOpen(at(MOSCOW, "2026-11-23T13:30"))).isFalse();
    }

    @Test
    void overnightHoursEndTheNextMorning() {
        // the night shift: 22:00 to 06:00, every night of the week
        Map<DayOfWeek, List<BusinessCalendar.Hours>> nights = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            nights.put(d, List.of(BusinessCalendar.Hours.parse("22:00-06:00")));
        }
        BusinessCalendar cal = new BusinessCalendar(MOSCOW, nights, Set.of(), Map.of());
        assertThat(cal.isOpen(at(MOSCOW, "2026-11-24T03:00"))).isTrue();
        assertThat(cal.isOpen(at(MOSCOW, "2026-11-24T12:00"))).isFalse();
        // 05:00 + 2 h = 1 h tonight until 06:00, then 1 h from 22:00
        assertThat(cal.addOpenTime(at(MOSCOW, "2026-11-24T05:00"), Duration.ofHours(2)))
                .isEqualTo(at(MOSCOW, "2026-11-24T23:00"));
    }

    @Test
    void holidaysAreClosedAndExceptionsReplaceADaysHours() {
        BusinessCalendar cal = new BusinessCalendar(MOSCOW, weekdays("09:00-18:00"),
                Set.of(LocalDate.parse("2026-12-31"), LocalDate.parse("2027-01-01")),
                Map.of(LocalDate.parse("2026-12-30"), List.of(BusinessCalendar.Hours.parse("09:00-15:00")),
                        LocalDate.parse("2027-01-02"), List.of(BusinessCalendar.Hours.parse("10:00-14:00"))));
        // Wednesday 30 Dec: a short day until 15:00; 31 Dec and 1 Jan closed; Saturday 2 Jan: a working Saturday
        assertThat(cal.addOpenTime(at(MOSCOW, "2026-12-30T14:00"), Duration.ofHours(2)))
                .isEqualTo(at(MOSCOW, "2027-01-02T11:00"));
        assertThat(cal.isOpen(at(MOSCOW, "2026-12-31T10:00"))).isFalse();
    }

    @Test
    void aDstZoneCountsTheRealHoursOfItsShortAndLongDays() {
        Map<DayOfWeek, List<BusinessCalendar.Hours>> always = new EnumMap<>(DayOfWeek.class);
        for (DayOfWeek d : DayOfWeek.values()) {
            always.put(d, List.of(BusinessCalendar.Hours.parse("00:00-00:00")));
        }
        BusinessCalendar cal = new BusinessCalendar(BERLIN, always, Set.of(), Map.of());
        // 29 March 2026 has 23 hours in Berlin, 25 October 25
        assertThat(cal.openBetween(at(BERLIN, "2026-03-29T00:00"), at(BERLIN, "2026-03-30T00:00")))
                .isEqualTo(Duration.ofHours(23));
        assertThat(cal.openBetween(at(BERLIN, "2026-10-25T00:00"), at(BERLIN, "2026-10-26T00:00")))
                .isEqualTo(Duration.ofHours(25));
        // office hours on the spring-forward Sunday are the same wall-clock hours; a Friday 17:00 + 2 h lands on
        // Monday 10:00 wall-clock time, whatever the offset did over the weekend
        BusinessCalendar office = officeHours(BERLIN);
        assertThat(office.addOpenTime(at(BERLIN, "2026-03-27T17:00"), Duration.ofHours(2)))
                .isEqualTo(at(BERLIN, "2026-03-30T10:00"));
        // and the same in Moscow, which has no DST
        assertThat(officeHours(MOSCOW).addOpenTime(at(MOSCOW, "2026-03-27T17:00"), Duration.ofHours(2)))
                .isEqualTo(at(MOSCOW, "2026-03-30T10:00"));
    }

    @Test
    void theClockPausesWhileTheConversationWaitsForTheUserAndResumes() {
        BusinessCalendar cal = BusinessCalendar.always(MOSCOW);
        Instant start = at(MOSCOW, "2026-11-23T10:00");
        SlaTimer paused = new SlaTimer(Duration.ofMinutes(15), cal, start,
                List.of(new SlaTimer.Pause(at(MOSCOW, "2026-11-23T10:05"), null)), null);
        Instant later = at(MOSCOW, "2026-11-23T11:00");
        assertThat(paused.state(later)).isEqualTo(SlaTimer.State.PAUSED);
        assertThat(paused.elapsed(later)).isEqualTo(Duration.ofMinutes(5));
        assertThat(paused.dueAt(later)).isNull();

        SlaTimer resumed = new SlaTimer(Duration.ofMinutes(15), cal, start,
                List.of(new SlaTimer.Pause(at(MOSCOW, "2026-11-23T10:05"), at(MOSCOW, "2026-11-23T11:00"))), null);
        assertThat(resumed.state(later)).isEqualTo(SlaTimer.State.RUNNING);
        assertThat(resumed.dueAt(later)).isEqualTo(at(MOSCOW, "2026-11-23T11:10"));
        assertThat(resumed.remaining(at(MOSCOW, "2026-11-23T11:04"))).isEqualTo(Duration.ofMinutes(6));
    }

    @Test
    void aBreachHappensExactlyAtTheTargetNotANanosecondBefore() {
        BusinessCalendar cal = officeHours(MOSCOW);
        SlaTimer timer = new SlaTimer(Duration.ofHours(2), cal, at(MOSCOW, "2026-11-20T17:00"), List.of(), null);
        Instant due = timer.dueAt(at(MOSCOW, "2026-11-20T17:00"));
        assertThat(due).isEqualTo(at(MOSCOW, "2026-11-23T10:00"));
        assertThat(timer.state(due.minusNanos(1))).isEqualTo(SlaTimer.State.RUNNING);
        assertThat(timer.state(due)).isEqualTo(SlaTimer.State.BREACHED);
        // met a nanosecond before: met; stopped exactly at the target: breached
        assertThat(new SlaTimer(Duration.ofHours(2), cal, timer.started(), List.of(), due.minusNanos(1))
                .state(due.plusSeconds(60))).isEqualTo(SlaTimer.State.MET);
        assertThat(new SlaTimer(Duration.ofHours(2), cal, timer.started(), List.of(), due).state(due.plusSeconds(60)))
                .isEqualTo(SlaTimer.State.BREACHED);
    }

    @Test
    void aCalendarWithoutOpenTimeSaysSo() {
        BusinessCalendar closed = new BusinessCalendar(MOSCOW, Map.of(), Set.of(), Map.of());
        assertThat(closed.nextOpen(at(MOSCOW, "2026-11-23T10:00"))).isEmpty();
        assertThatThrownBy(() -> closed.addOpenTime(at(MOSCOW, "2026-11-23T10:00"), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> BusinessCalendar.Hours.parse("9-18")).isInstanceOf(Exception.class);
        assertThat(new BusinessCalendar.Hours(LocalTime.of(22, 0), LocalTime.of(6, 0)).overnight()).isTrue();
    }
}
