package org.otklik.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.otklik.simulator.Scenario;
import org.otklik.simulator.Staffing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "staffing", mixinStandardHelpOptions = true,
        description = "Agents needed per hour for a first-response target: Erlang C, then verified by simulation.")
final class StaffingCommand implements Callable<Integer> {

    @Option(names = "--scenario", required = true, description = "scenario YAML", paramLabel = "FILE")
    Path scenario;

    @Option(names = "--target-sla", defaultValue = "0.9",
            description = "share of conversations whose first response meets the scenario's target, per hour; "
                    + "default: ${DEFAULT-VALUE}", paramLabel = "SHARE")
    double targetSla;

    @Override
    public Integer call() {
        if (targetSla <= 0 || targetSla >= 1) {
            throw new Otklik.UsageError("--target-sla must be between 0 and 1 (exclusive), not " + targetSla);
        }
        Scenario s = SimulateCommand.read(scenario);
        long started = System.nanoTime();
        List<Staffing.Hour> plan = Staffing.plan(s, targetSla);
        System.out.printf("scenario %s: first response within %d s for %.0f%% of conversations, every hour%n",
                s.name(), s.firstResponse().toSeconds(), targetSla * 100);
        System.out.print(Staffing.table(plan, targetSla));
        System.out.printf("(erlang_c: first guess from Erlang C; simulated: after checking and correcting it with the"
                + " routing simulator; on_shift: agents of the scenario on shift at half past the hour; computed in"
                + " %.1f s)%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }
}
