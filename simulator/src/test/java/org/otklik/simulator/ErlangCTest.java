package org.otklik.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ErlangCTest {

    @Test
    void probabilityOfWaitingMatchesTextbookValues() {
        // M/M/2 with a = 1 Erlang: C = a^2 / (2 + a) ... = 1/3
        assertThat(ErlangC.probabilityOfWaiting(2, 1.0)).isCloseTo(1.0 / 3, within(1e-9));
        // the classic call-centre example: 10 agents, 8 Erlangs -> about 40.9 % wait
        assertThat(ErlangC.probabilityOfWaiting(10, 8.0)).isCloseTo(0.4092, within(1e-3));
        assertThat(ErlangC.probabilityOfWaiting(5, 5.0)).isEqualTo(1.0);
    }

    @Test
    void waitQuantileIsZeroWhenFewWaitAndInfiniteWhenOverloaded() {
        assertThat(ErlangC.waitQuantileSeconds(300, 1.0 / 60, 600, 0.9)).isZero();
        assertThat(ErlangC.waitQuantileSeconds(5, 1.0, 10, 0.9)).isInfinite();
        // 10 servers, 8 Erlangs, 3-minute service: p90 = ln(C / 0.1) / (c*mu - lambda)
        double lambda = 8.0 / 180;
        double expected = Math.log(ErlangC.probabilityOfWaiting(10, 8.0) / 0.1) / (10.0 / 180 - lambda);
        assertThat(ErlangC.waitQuantileSeconds(10, lambda, 180, 0.9)).isCloseTo(expected, within(1e-6));
        assertThat(ErlangC.serviceLevel(10, lambda, 180, expected)).isCloseTo(0.9, within(1e-9));
    }
}
