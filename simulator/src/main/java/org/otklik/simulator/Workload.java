package org.otklik.simulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The conversations of a scenario, drawn once from its seed: when each arrives, its department, whether the contact
 * is a VIP, how long its agent takes to first reply and to handle it, and how long its user waits before leaving.
 * Every policy is run against the same draw, so their figures differ only by what the policy does.
 */
final class Workload {

    record Arrival(long id, Instant at, String department, boolean vip, Duration firstReply, Duration handling,
                   Duration patience) {
    }

    private Workload() {
    }

    static List<Arrival> draw(Scenario s, Instant start) {
        SplittableRandom random = new SplittableRandom(s.seed());
        long days = Math.max(1, (s.duration().toSeconds() + 86_399) / 86_400);
        double[] cumulative = new double[24];
        double acc = 0;
        for (int h = 0; h < 24; h++) {
            acc += s.profile()[h];
            cumulative[h] = acc;
        }
        List<String> departments = List.copyOf(s.departments().keySet());
        double[] departmentCumulative = new double[departments.size()];
        acc = 0;
        for (int i = 0; i < departments.size(); i++) {
            acc += s.departments().get(departments.get(i));
            departmentCumulative[i] = acc;
        }
        List<Arrival> arrivals = new ArrayList<>(s.total());
        long horizon = s.duration().toMillis();
        int drawn = 0;
        while (drawn < s.total()) {
            long day = random.nextLong(days);
            int hour = pick(cumulative, random.nextDouble());
            long offset = (day * 24 + hour) * 3_600_000L + random.nextLong(3_600_000L);
            String department = departments.get(pick(departmentCumulative, random.nextDouble()));
            boolean vip = random.nextDouble() < s.vipShare();
            Duration firstReply = Duration.ofMillis(Math.round(1000 * lognormal(random, s.firstReplyDelay())));
            Duration handling = Duration.ofMillis(Math.round(60_000 * lognormal(random, s.handling().get(department))));
            Duration patience = s.patienceMean() <= 0 ? null
                    : Duration.ofMillis(Math.round(-Math.log(1 - random.nextDouble()) * s.patienceMean() * 60_000));
            if (offset >= horizon) {
                continue; // a partial last day: draw again
            }
            arrivals.add(new Arrival(0, start.plusMillis(offset), department, vip, firstReply, handling, patience));
            drawn++;
        }
        arrivals.sort(Comparator.comparing(Arrival::at));
        List<Arrival> numbered = new ArrayList<>(arrivals.size());
        for (int i = 0; i < arrivals.size(); i++) {
            Arrival a = arrivals.get(i);
            numbered.add(new Arrival(i + 1, a.at(), a.department(), a.vip(), a.firstReply(), a.handling(),
                    a.patience()));
        }
        return numbered;
    }

    /** A lognormal sample with the given mean and standard deviation (of the distribution, not of its log). */
    static double lognormal(SplittableRandom random, Scenario.Distribution d) {
        if (d.sd() == 0) {
            return d.mean();
        }
        double variance = Math.log(1 + (d.sd() * d.sd()) / (d.mean() * d.mean()));
        double mu = Math.log(d.mean()) - variance / 2;
        return Math.exp(mu + Math.sqrt(variance) * gaussian(random));
    }

    private static double gaussian(SplittableRandom random) {
        double u1 = 1 - random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static int pick(double[] cumulative, double x) {
        for (int i = 0; i < cumulative.length; i++) {
            if (x < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

}
