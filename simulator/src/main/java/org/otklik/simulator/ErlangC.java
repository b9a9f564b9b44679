package org.otklik.simulator;

/** The M/M/c queue: probability of waiting (Erlang C) and wait percentiles, the bound routing is measured against. */
public final class ErlangC {

    private ErlangC() {
    }

    /**
     * @param servers  c
     * @param erlangs  offered load a = arrival rate x mean service time
     * @return the probability an arrival has to wait; 1 when the load reaches the servers
     */
    public static double probabilityOfWaiting(int servers, double erlangs) {
        if (servers <= 0 || erlangs >= servers) {
            return 1;
        }
        double blocking = 1; // Erlang B by its recursion, numerically stable for large c
        for (int k = 1; k <= servers; k++) {
            blocking = erlangs * blocking / (k + erlangs * blocking);
        }
        return servers * blocking / (servers - erlangs * (1 - blocking));
    }

    /**
     * The q-quantile of the wait in queue, in seconds (0 when fewer than 1-q arrivals wait at all), or
     * {@code Double.POSITIVE_INFINITY} when the servers cannot keep up.
     */
    public static double waitQuantileSeconds(int servers, double arrivalsPerSecond, double serviceSeconds,
                                             double q) {
        double erlangs = arrivalsPerSecond * serviceSeconds;
        if (servers <= 0 || erlangs >= servers) {
            return Double.POSITIVE_INFINITY;
        }
        double waiting = probabilityOfWaiting(servers, erlangs);
        if (waiting <= 1 - q) {
            return 0;
        }
        return Math.log(waiting / (1 - q)) / (servers / serviceSeconds - arrivalsPerSecond);
    }

    /** Probability the wait in queue is at most {@code seconds}. */
    public static double serviceLevel(int servers, double arrivalsPerSecond, double serviceSeconds, double seconds) {
        double erlangs = arrivalsPerSecond * serviceSeconds;
        if (servers <= 0 || erlangs >= servers) {
            return 0;
        }
        return 1 - probabilityOfWaiting(servers, erlangs)
                * Math.exp(-(servers / serviceSeconds - arrivalsPerSecond) * seconds);
    }
}
