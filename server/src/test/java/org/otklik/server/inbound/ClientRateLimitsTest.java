package org.otklik.server.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.bucket4j.TimeMeter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** Per-client token buckets on a clock the test moves. */
class ClientRateLimitsTest {

    static final class Clock implements TimeMeter {
        long nanos;

        @Override
        public long currentTimeNanos() {
            return nanos;
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }

        void advanceSeconds(double seconds) {
            nanos += (long) (seconds * TimeUnit.SECONDS.toNanos(1));
        }
    }

    static MockHttpServletRequest widget(String visitor, String address) {
        MockHttpServletRequest r = new MockHttpServletRequest("POST", "/widget/api/key1/messages");
        if (visitor != null) {
            r.addHeader("X-Visitor-Token", visitor);
        }
        r.setRemoteAddr(address);
        return r;
    }

    static MockHttpServletRequest api(String path, String token) {
        MockHttpServletRequest r = new MockHttpServletRequest("POST", path);
        r.addHeader("Authorization", "Bearer " + token);
        return r;
    }

    @Test
    void aVisitorHasABurstThenTheSustainedRateAndOthersAreNotHeldBack() {
        Clock clock = new Clock();
        ClientRateLimits limits = ClientRateLimits.of(1, 10, 0, 0, 0, 0, clock);
        for (int i = 0; i < 10; i++) {
            assertThat(limits.take(widget("otk_vi_a", "10.0.0.1"))).as("request " + i).isEmpty();
        }
        var refused = limits.take(widget("otk_vi_a", "10.0.0.1"));
        assertThat(refused).isPresent();
        assertThat(refused.get().client()).isEqualTo("visitor");
        assertThat(refused.get().retryAfterSeconds()).isEqualTo(1);
        assertThat(limits.take(widget("otk_vi_b", "10.0.0.1"))).isEmpty();
        clock.advanceSeconds(1);
        assertThat(limits.take(widget("otk_vi_a", "10.0.0.1"))).isEmpty();
        assertThat(limits.take(widget("otk_vi_a", "10.0.0.1"))).isPresent();
    }

    @Test
    void oneAddressRotatingVisitorTokensIsHeldByTheAddressLimit() {
        Clock clock = new Clock();
        ClientRateLimits limits = ClientRateLimits.of(1, 10, 20, 100, 0, 0, clock);
        int accepted = 0;
        for (int i = 0; i < 150; i++) {
            if (limits.take(widget("otk_vi_" + i, "203.0.113.7")).isEmpty()) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(100);
        assertThat(limits.take(widget("otk_vi_new", "203.0.113.7")).orElseThrow().client()).isEqualTo("address");
        assertThat(limits.take(widget("otk_vi_new", "198.51.100.1"))).isEmpty();
        // a new visitor (no token yet) is counted by its address alone
        assertThat(limits.take(widget(null, "203.0.113.7"))).isPresent();
        clock.advanceSeconds(0.5);
        assertThat(limits.take(widget("otk_vi_new2", "203.0.113.7"))).isEmpty(); // 20/s: 10 back in half a second
    }

    @Test
    void credentialsAreUnlimitedByDefaultAndLimitedWhenSet() {
        Clock clock = new Clock();
        ClientRateLimits off = ClientRateLimits.of(1, 10, 20, 100, 0, 0, clock);
        for (int i = 0; i < 5000; i++) {
            assertThat(off.take(api("/api/v1/inbound", "otk_ch_x"))).isEmpty();
        }
        ClientRateLimits on = ClientRateLimits.of(1, 10, 20, 100, 0.5, 2, clock);
        assertThat(on.take(api("/api/v1/inbound", "otk_ch_x"))).isEmpty();
        assertThat(on.take(api("/api/v1/mentions/batch", "otk_ch_x"))).isEmpty();
        var refused = on.take(api("/api/v1/inbound", "otk_ch_x")).orElseThrow();
        assertThat(refused.client()).isEqualTo("credential");
        assertThat(refused.retryAfterSeconds()).isEqualTo(2); // half a request a second: the next in 2 s
        assertThat(on.take(api("/api/v1/inbound", "otk_ch_other"))).isEmpty();
    }

    @Test
    void webhooksAreNotLimitedPerClient() {
        ClientRateLimits limits = ClientRateLimits.of(1, 1, 1, 1, 1, 1, new Clock());
        for (int i = 0; i < 100; i++) {
            MockHttpServletRequest r = new MockHttpServletRequest("POST", "/webhooks/vk/vk-main");
            r.setRemoteAddr("95.142.192.1");
            assertThat(limits.take(r)).isEmpty();
        }
    }
}
