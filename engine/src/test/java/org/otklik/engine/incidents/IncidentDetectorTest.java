package org.otklik.engine.incidents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Generated days: a normal day with its evening peak (about 3 % of messages are outage reports anyway) must open
 * nothing; an outage opens one incident within minutes; a small regional outage opens one too.
 */
class IncidentDetectorTest {

    static final Instant MIDNIGHT = Instant.parse("2026-09-02T21:00:00Z"); // 00:00 in Moscow
    static final String[] REGIONS = {"Москва", "Санкт-Петербург", "Нижний Новгород", "Казань", "Новосибирск",
            "other"};
    static final double[] REGION_SHARE = {0.35, 0.2, 0.1, 0.1, 0.05, 0.2};
    static final String[] COMPONENTS = {"app", "site", "profile"};

    /** Messages per minute by time of day: a night low, a day plateau and an evening peak. */
    static double perMinute(int minuteOfDay) {
        double h = minuteOfDay / 60.0;
        return 2 + 12 * Math.exp(-Math.pow((h - 13) / 4.5, 2)) + 10 * Math.exp(-Math.pow((h - 20.5) / 1.5, 2));
    }

    static String region(SplittableRandom r) {
        double x = r.nextDouble();
        for (int i = 0; i < REGIONS.length; i++) {
            x -= REGION_SHARE[i];
            if (x < 0) {
                return REGIONS[i];
            }
        }
        return "other";
    }

    static int poisson(SplittableRandom r, double mean) {
        double l = Math.exp(-mean);
        int k = 0;
        double p = 1;
        do {
            k++;
            p *= r.nextDouble();
        } while (p > l);
        return k - 1;
    }

    interface Extra {
        List<IncidentDetector.Message> at(int minuteOfDay, SplittableRandom r);
    }

    static List<IncidentDetector.Incident> day(long seed, Extra extra) {
        IncidentDetector d = new IncidentDetector(IncidentDetector.Settings.defaults());
        messagesOfDay(MIDNIGHT, seed, extra).forEach(d::add);
        return d.finish();
    }

    /** A generated day from {@code midnight}; {@code extra} adds messages by minute of that day. */
    static List<IncidentDetector.Message> messagesOfDay(Instant midnight, long seed, Extra extra) {
        SplittableRandom r = new SplittableRandom(seed);
        List<IncidentDetector.Message> all = new ArrayList<>();
        for (int m = 0; m < 1440; m++) {
            int n = poisson(r, perMinute(m));
            List<IncidentDetector.Message> minute = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String outage = r.nextDouble() < 0.03 ? COMPONENTS[r.nextInt(3)] : null;
                minute.add(new IncidentDetector.Message(midnight.plusSeconds(m * 60L + r.nextInt(60)), outage,
                        region(r), r.nextDouble() < 0.7 ? "vk_message" : "web_chat"));
            }
            minute.addAll(extra.at(m, r));
            minute.sort(Comparator.comparing(IncidentDetector.Message::at));
            all.addAll(minute);
        }
        return all;
    }

    static Instant clock(int minuteOfDay) {
        return MIDNIGHT.plus(Duration.ofMinutes(minuteOfDay));
    }

    @Test
    void normalDaysWithTheirEveningPeakOpenNothing() {
        for (long seed = 1; seed <= 30; seed++) {
            assertThat(day(seed, (m, r) -> List.of())).as("seed " + seed).isEmpty();
        }
    }

    @Test
    void anAppOutageOpensOneIncidentWithinMinutesAndClosesWhenItIsOver() {
        int start = 20 * 60 + 35;
        for (long seed = 1; seed <= 10; seed++) {
            List<IncidentDetector.Incident> incidents = day(seed, (m, r) -> {
                List<IncidentDetector.Message> extra = new ArrayList<>();
                if (m >= start && m < start + 60) {
                    double intensity = 40 * Math.min(1, (m - start + 1) / 10.0) * Math.exp(-(m - start) / 25.0);
                    for (int i = 0; i < poisson(r, intensity); i++) {
                        extra.add(new IncidentDetector.Message(MIDNIGHT.plusSeconds(m * 60L + r.nextInt(60)),
                                r.nextDouble() < 0.5 ? "app" : r.nextDouble() < 0.9 ? "site" : "profile", region(r),
                                "vk_comment"));
                    }
                }
                return extra;
            });
            assertThat(incidents).as("seed " + seed).hasSize(1);
            IncidentDetector.Incident i = incidents.getFirst();
            assertThat(i.openedAt()).as("seed " + seed).isBetween(clock(start), clock(start + 6));
            assertThat(i.closedAt()).as("seed " + seed).isNotNull().isAfter(clock(start + 30));
            assertThat(i.components().get("app")).isGreaterThan(i.components().getOrDefault("profile", 0));
            assertThat(i.reports()).isGreaterThan(200);
        }
    }

    @Test
    void aSmallRegionalOutageOpensAnIncidentTooAndNamesItsRegion() {
        int start = 14 * 60;
        for (long seed = 1; seed <= 10; seed++) {
            List<IncidentDetector.Incident> incidents = day(seed, (m, r) -> {
                List<IncidentDetector.Message> extra = new ArrayList<>();
                if (m >= start && m < start + 15) {
                    for (int i = 0; i < poisson(r, 2.5); i++) {
                        extra.add(new IncidentDetector.Message(MIDNIGHT.plusSeconds(m * 60L + r.nextInt(60)),
                                "site", "Нижний Новгород", "web_chat"));
                    }
                }
                return extra;
            });
            assertThat(incidents).as("seed " + seed).hasSize(1);
            IncidentDetector.Incident i = incidents.getFirst();
            assertThat(i.openedAt()).as("seed " + seed).isBetween(clock(start), clock(start + 10));
            String top = i.regions().entrySet().stream().max(java.util.Map.Entry.comparingByValue()).orElseThrow()
                    .getKey();
            assertThat(top).isEqualTo("Нижний Новгород");
        }
    }

    static final java.time.ZoneId MOSCOW = java.time.ZoneId.of("Europe/Moscow");

    /**
     * Five weeks in which every Tuesday from 10:00 to 11:00 a weekly release draws about 3 complaints a minute that
     * the app is broken (it is not down): the first two Tuesdays look like outages (nothing to compare with), from
     * the third on the seasonal baseline expects them; a real outage on the fifth week's Thursday evening still opens
     * an incident at once. The same weeks without the seasonal baseline (0 weeks kept) open one every Tuesday.
     */
    @Test
    void aWeeklyReleaseBumpIsExpectedFromTheThirdWeekWhileARealOutageStillOpensOne() {
        List<IncidentDetector.Incident> seasonal = weeks(IncidentDetector.Settings.defaults().in(MOSCOW));
        var byDay = seasonal.stream().collect(java.util.stream.Collectors.groupingBy(
                i -> i.openedAt().atZone(MOSCOW).toLocalDate(), java.util.TreeMap::new,
                java.util.stream.Collectors.counting()));
        java.time.LocalDate firstTuesday = java.time.LocalDate.of(2026, 9, 8);
        java.time.LocalDate outageDay = java.time.LocalDate.of(2026, 10, 8);
        assertThat(byDay.keySet()).as(byDay.toString())
                .containsExactly(firstTuesday, firstTuesday.plusWeeks(1), outageDay);
        IncidentDetector.Incident outage = seasonal.getLast();
        assertThat(outage.openedAt().atZone(MOSCOW).toLocalTime())
                .isBetween(java.time.LocalTime.of(20, 35), java.time.LocalTime.of(20, 41));

        IncidentDetector.Settings d = IncidentDetector.Settings.defaults().in(MOSCOW);
        IncidentDetector.Settings noSeasons = new IncidentDetector.Settings(d.window(), d.baseline(), d.minExcess(),
                d.minRegionalExcess(), d.factor(), d.cusumThreshold(), d.quiet(), MOSCOW, 0, d.seasonalMinMessages());
        long tuesdays = weeks(noSeasons).stream()
                .filter(i -> i.openedAt().atZone(MOSCOW).getDayOfWeek() == java.time.DayOfWeek.TUESDAY).count();
        assertThat(tuesdays).isEqualTo(5);
    }

    /** 36 days from Thursday 2026-09-03 (Moscow) with the Tuesday release bump and the outage of 2026-10-08. */
    static List<IncidentDetector.Incident> weeks(IncidentDetector.Settings settings) {
        IncidentDetector d = new IncidentDetector(settings);
        for (int day = 0; day < 36; day++) {
            Instant midnight = MIDNIGHT.plus(Duration.ofDays(day));
            java.time.DayOfWeek dow = midnight.atZone(MOSCOW).getDayOfWeek();
            boolean outageDay = midnight.atZone(MOSCOW).toLocalDate().equals(java.time.LocalDate.of(2026, 10, 8));
            messagesOfDay(midnight, 100 + day, (m, r) -> {
                List<IncidentDetector.Message> extra = new ArrayList<>();
                if (dow == java.time.DayOfWeek.TUESDAY && m >= 600 && m < 660) {
                    for (int i = 0; i < poisson(r, 3); i++) {
                        extra.add(new IncidentDetector.Message(midnight.plusSeconds(m * 60L + r.nextInt(60)), "app",
                                region(r), "vk_message"));
                    }
                }
                int start = 20 * 60 + 35;
                if (outageDay && m >= start && m < start + 60) {
                    double intensity = 40 * Math.min(1, (m - start + 1) / 10.0) * Math.exp(-(m - start) / 25.0);
                    for (int i = 0; i < poisson(r, intensity); i++) {
                        extra.add(new IncidentDetector.Message(midnight.plusSeconds(m * 60L + r.nextInt(60)),
                                r.nextDouble() < 0.5 ? "app" : "site", region(r), "vk_comment"));
                    }
                }
                return extra;
            }).forEach(d::add);
        }
        return d.finish();
    }

    @Test
    void historyFedAtStartCountsAsPastWeeks() {
        IncidentDetector.Settings settings = IncidentDetector.Settings.defaults().in(MOSCOW);
        Instant tuesday10 = java.time.ZonedDateTime.of(2026, 10, 6, 10, 0, 0, 0, MOSCOW).toInstant();
        IncidentDetector withHistory = new IncidentDetector(settings);
        for (int week = 1; week <= 3; week++) { // the server's start: the same hour of the last three weeks
            Instant past = tuesday10.minus(Duration.ofDays(7L * week));
            withHistory.remember(past, "Москва", "vk_message", null, 720, 22);
            withHistory.remember(past, "Москва", "vk_message", "app", 180, 180);
        }
        IncidentDetector without = new IncidentDetector(settings);
        SplittableRandom r = new SplittableRandom(7);
        for (int m = -180; m < 60; m++) { // three quiet hours, then the release hour
            Instant at = tuesday10.plus(Duration.ofMinutes(m));
            for (int i = 0; i < 12; i++) {
                String outage = r.nextDouble() < 0.03 ? "site" : null;
                IncidentDetector.Message msg = new IncidentDetector.Message(at.plusSeconds(i * 5L), outage, "Москва",
                        "vk_message");
                withHistory.add(msg);
                without.add(msg);
            }
            if (m >= 0) {
                for (int i = 0; i < 3; i++) {
                    IncidentDetector.Message app = new IncidentDetector.Message(at.plusSeconds(i * 5L + 2), "app",
                            "Москва", "vk_message");
                    withHistory.add(app);
                    without.add(app);
                }
            }
        }
        assertThat(without.finish()).hasSize(1);
        assertThat(withHistory.finish()).isEmpty();
    }

    @Test
    void messagesOutOfOrderAreRefused() {
        IncidentDetector d = new IncidentDetector(IncidentDetector.Settings.defaults());
        d.add(new IncidentDetector.Message(clock(10), null, "x", null));
        assertThatThrownBy(() -> d.add(new IncidentDetector.Message(clock(5), null, "x", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
