package org.otklik.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulator on a small day: deterministic, the product ahead of the baseline, KPIs named as documented. */
class SimulationTest {

    static final String SMALL_DAY = """
            name: small-day
            seed: 42
            duration: 24h
            timezone: Europe/Moscow
            arrivals:
              total: 1200
              profile: [0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.04, 0.06, 0.07, 0.07, 0.07,
                        0.07, 0.07, 0.06, 0.06, 0.06, 0.06, 0.06, 0.05, 0.04, 0.03, 0.02, 0.02]
              departments: {payments: 0.5, access: 0.4, violations: 0.1}
              vip_share: 0.05
            handling:
              payments: {mean: 12, sd: 6}
              access: {mean: 15, sd: 8}
              violations: {mean: 10, sd: 5}
            first_reply_delay: {mean: 40, sd: 20}
            patience: {mean: 12}
            agents:
              - {name: day, count: 5, skills: [payments, access], max_chats: 4, shifts: ["08:00-20:00"]}
              - {name: guard, count: 1, skills: [violations], max_chats: 3, shifts: ["08:00-20:00"]}
              - {name: night, count: 2, skills: [payments, access, violations], max_chats: 4, shifts: ["20:00-08:00"]}
            limits:
              global_max_active: 0
              overflow_after: 30m
            sla:
              first_response: 5m
            """;

    @TempDir
    Path dir;

    private Scenario small() throws IOException {
        Path file = dir.resolve("small.yaml");
        Files.writeString(file, SMALL_DAY);
        return ScenarioReader.read(file);
    }

    @Test
    void sameScenarioAndSeedGiveTheSameFigures() throws IOException {
        Scenario s = small();
        assertThat(Simulation.run(s, Simulation.Policy.OTKLIK)).isEqualTo(Simulation.run(s, Simulation.Policy.OTKLIK));
        assertThat(Simulation.run(s, Simulation.Policy.ROUND_ROBIN))
                .isEqualTo(Simulation.run(s, Simulation.Policy.ROUND_ROBIN));
        assertThat(Simulation.run(s.withSeed(43), Simulation.Policy.OTKLIK))
                .isNotEqualTo(Simulation.run(s, Simulation.Policy.OTKLIK));
    }

    @Test
    void otklikRoutingIsAheadOfRoundRobinOnAttainmentAndAbandonment() throws IOException {
        Scenario s = small();
        Kpis otklik = Simulation.run(s, Simulation.Policy.OTKLIK);
        Kpis roundRobin = Simulation.run(s, Simulation.Policy.ROUND_ROBIN);
        assertThat(otklik.arrivals()).isEqualTo(1200);
        assertThat(otklik.slaAttainment()).isGreaterThan(roundRobin.slaAttainment());
        assertThat(otklik.abandoned()).isLessThan(roundRobin.abandoned());
        assertThat(otklik.waitEstimateMaeSeconds()).isNotNull().isLessThan(120);
        assertThat(roundRobin.waitEstimateMaeSeconds()).isNull();
        assertThat(otklik.occupancy()).isBetween(0.05, 1.0);
        assertThat(otklik.frtP50Seconds()).isLessThanOrEqualTo(otklik.frtP90Seconds());
        assertThat(otklik.frtP90Seconds()).isLessThanOrEqualTo(otklik.frtP99Seconds());
    }

    @Test
    void everyArrivalIsAccountedForExactlyOnce() throws IOException {
        Simulation run = Simulation.runDetailed(small(), Simulation.Policy.OTKLIK, RoutingSetup.recommended());
        int served = 0;
        int lost = 0;
        for (List<Simulation.Conversation> hour : run.byHour().values()) {
            for (Simulation.Conversation c : hour) {
                assertThat(c.abandoned && c.overflowed).isFalse();
                if (c.assignedAt != null) {
                    assertThat(c.abandoned || c.overflowed).isFalse();
                    assertThat(c.doneAt).isNotNull();
                    served++;
                } else {
                    assertThat(c.abandoned || c.overflowed).isTrue();
                    lost++;
                }
            }
        }
        assertThat(served + lost).isEqualTo(1200);
    }

    @Test
    void skillsOnlyLeavesTheLoneViolationsAgentOverloadedWhileThePoolHelps() throws IOException {
        Scenario s = small();
        Kpis pooled = Simulation.run(s, Simulation.Policy.OTKLIK, RoutingSetup.recommended());
        Kpis skillsOnly = Simulation.run(s, Simulation.Policy.OTKLIK, RoutingSetup.SKILLS_ONLY);
        assertThat(pooled.slaAttainment()).isGreaterThanOrEqualTo(skillsOnly.slaAttainment());
    }

    @Test
    void kpisUseExactlyTheDocumentedNames() throws IOException {
        Kpis k = Simulation.run(small(), Simulation.Policy.OTKLIK);
        assertThat(k.asMap().keySet()).containsExactly("frt_p50_s", "frt_p90_s", "frt_p99_s", "wait_p90_s",
                "abandoned", "overflow", "sla_attainment", "occupancy", "wait_estimate_mae_s", "erlang_c_wait_p90_s",
                "policy");
        assertThat(k.toJson()).startsWith("{\"frt_p50_s\": ").contains("\"policy\": \"otklik\"");
    }

    @Test
    void staffingPlanMeetsTheTargetInSimulationEveryHour() throws IOException {
        List<Staffing.Hour> plan = Staffing.plan(small(), 0.9);
        assertThat(plan).hasSize(24);
        for (Staffing.Hour h : plan) {
            assertThat(h.simulatedSla()).as("hour %d", h.hour()).isGreaterThanOrEqualTo(0.9);
            assertThat(h.simulated()).as("hour %d", h.hour()).isGreaterThanOrEqualTo(h.arrivals() > 0 ? 1 : 0);
        }
        assertThat(plan.get(10).simulated()).isGreaterThan(plan.get(3).simulated());
    }

    @Test
    void badScenariosNameTheField() throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, SMALL_DAY.replace("profile: [0.01, 0.01, ", "profile: ["));
        assertThatThrownBy(() -> ScenarioReader.read(file)).isInstanceOf(ScenarioError.class)
                .hasMessageContaining("arrivals.profile");
        Files.writeString(file, SMALL_DAY.replace("skills: [violations]", "skills: [fraud]"));
        assertThatThrownBy(() -> ScenarioReader.read(file)).hasMessageContaining("agents[1].skills");
        Files.writeString(file, SMALL_DAY.replace("first_response: 5m", "first_response: soon"));
        assertThatThrownBy(() -> ScenarioReader.read(file)).hasMessageContaining("sla.first_response");
        Files.writeString(file, SMALL_DAY.replace("\"08:00-20:00\"]}\n  - {name: guard", "\"8-20\"]}\n  - {name: guard"));
        assertThatThrownBy(() -> ScenarioReader.read(file)).hasMessageContaining("agents[0].shifts");
        assertThatThrownBy(() -> ScenarioReader.read(dir.resolve("missing.yaml"))).hasMessageContaining("cannot read");
    }

    @Test
    void overnightShiftsAndMidnightEndsAreReadAsLocalTimes() throws IOException {
        Scenario s = small();
        Scenario.Shift night = s.agents().get(2).shifts().get(0);
        assertThat(night.length()).isEqualTo(Duration.ofHours(12));
        assertThat(ScenarioReader.durationValue("90m", "x")).isEqualTo(Duration.ofMinutes(90));
    }
}
