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
        SplittableRandom r = new SplittableRandom(seed);
        List<IncidentDetector.Message> all = new ArrayList<>();
        for (int m = 0; m < 1440; m++) {
            int n = poisson(r, perMinute(m));
            List<IncidentDetector.Message> minute = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String outage = r.nextDouble() < 0.03 ? COMPONENTS[r.nextInt(3)] : null;
                minute.add(new IncidentDetector.Message(MIDNIGHT.plusSeconds(m * 60L + r.nextInt(60)), outage,
                        region(r), "vk_message"));
            }
            minute.addAll(extra.at(m, r));
            minute.sort(Comparator.comparing(IncidentDetector.Message::at));
            all.addAll(minute);
        }
        IncidentDetector d = new IncidentDetector(IncidentDetector.Settings.defaults());
        all.forEach(d::add);
        return d.finish();
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

    @Test
    void messagesOutOfOrderAreRefused() {
        IncidentDetector d = new IncidentDetector(IncidentDetector.Settings.defaults());
        d.add(new IncidentDetector.Message(clock(10), null, "x", null));
        assertThatThrownBy(() -> d.add(new IncidentDetector.Message(clock(5), null, "x", null)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
