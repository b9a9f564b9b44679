package org.otklik.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.otklik.simulator.Kpis;
import org.otklik.simulator.RoutingSetup;
import org.otklik.simulator.Scenario;
import org.otklik.simulator.ScenarioError;
import org.otklik.simulator.ScenarioReader;
import org.otklik.simulator.Simulation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Run a routing scenario through the real routing engine on a virtual clock and print its KPIs.")
final class SimulateCommand implements Callable<Integer> {

    @Option(names = "--scenario", required = true, description = "scenario YAML (format: docs/routing.md)",
            paramLabel = "FILE")
    Path scenario;

    @Option(names = "--policy", defaultValue = "otklik",
            description = "otklik (the product) or round-robin (the baseline); default: ${DEFAULT-VALUE}",
            paramLabel = "otklik|round-robin")
    String policy;

    @Option(names = "--json", description = "also write the KPIs as JSON to this file", paramLabel = "OUT")
    Path json;

    @Option(names = "--compare", description = "run both policies and print them side by side")
    boolean compare;

    @Option(names = "--expand-after", defaultValue = "30s",
            description = "otklik: any agent may take a conversation that waited this long (0 = skills only); "
                    + "default: ${DEFAULT-VALUE}", paramLabel = "DURATION")
    String expandAfter;

    @Option(names = "--seed", description = "replace the scenario's seed", paramLabel = "N")
    Long seed;

    @Override
    public Integer call() throws IOException {
        Simulation.Policy chosen;
        try {
            chosen = Simulation.Policy.parse(policy);
        } catch (IllegalArgumentException e) {
            throw new Otklik.UsageError("--policy must be otklik or round-robin, not '" + policy + "'");
        }
        Duration expand = CliDurations.parse(expandAfter, "--expand-after");
        Scenario s = read(scenario);
        if (seed != null) {
            s = s.withSeed(seed);
        }
        RoutingSetup setup = RoutingSetup.recommended().withExpandAfter(expand);
        System.out.printf(Locale.ROOT, "scenario %s: %d arrivals over %s, seed %d, %d agents%n", s.name(), s.total(),
                s.duration(), s.seed(), s.agents().stream().mapToInt(Scenario.AgentGroup::count).sum());
        System.out.println("otklik routing: " + setup.describe());
        Kpis main = timed(s, chosen, setup);
        if (compare) {
            Simulation.Policy other = chosen == Simulation.Policy.OTKLIK ? Simulation.Policy.ROUND_ROBIN
                    : Simulation.Policy.OTKLIK;
            Kpis second = timed(s, other, setup);
            System.out.printf(Locale.ROOT, "%n%-22s %-14s %-14s%n", "kpi", main.policy(), second.policy());
            main.asMap().forEach((key, value) -> System.out.printf(Locale.ROOT, "%-22s %-14s %-14s%n", key,
                    value, second.asMap().get(key)));
        } else {
            System.out.println();
            System.out.print(main.table());
        }
        System.out.println("(erlang_c_wait_p90_s: the M/M/c p90 wait of the busiest hour with all skills pooled, "
                + "the queueing bound for reference)");
        if (json != null) {
            Files.writeString(json, main.toJson());
            System.out.println("KPIs written to " + json);
        }
        return 0;
    }

    private static Kpis timed(Scenario s, Simulation.Policy policy, RoutingSetup setup) {
        long started = System.nanoTime();
        Kpis kpis = Simulation.run(s, policy, setup);
        System.out.printf(Locale.ROOT, "simulated %s in %.2f s%n", policy.wire(),
                (System.nanoTime() - started) / 1e9);
        return kpis;
    }

    static Scenario read(Path file) {
        try {
            return ScenarioReader.read(file);
        } catch (ScenarioError e) {
            throw new Otklik.UsageError(e.getMessage());
        }
    }
}
