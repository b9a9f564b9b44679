package org.otklik.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code otklik} command line. Bad arguments print one line and exit with 2; a failure to start exits with 1.
 */
@Command(name = "otklik", mixinStandardHelpOptions = true, version = "Otklik 0.1",
        description = "Customer care for social networks and messengers.",
        subcommands = {DemoCommand.class, ServeCommand.class, SimulateCommand.class, StaffingCommand.class,
                TriageCommand.class, TriageEvalCommand.class, FaqEvalCommand.class, ListenCommand.class,
                ListenEvalCommand.class, ListenBenchCommand.class, ReportCommand.class, IncidentsCommand.class,
                InboundBenchCommand.class,
                ReportBenchCommand.class})
public final class Otklik implements Callable<Integer> {

    /** Exit code for bad arguments. */
    static final int USAGE = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getErr().println("otklik: give a command: demo, serve, simulate, staffing, triage, triage-eval or faq-eval (see: otklik --help)");
        return USAGE;
    }

    public static void main(String[] args) {
        CommandLine cli = commandLine();
        int code = cli.execute(args);
        if (code != 0 || !ServerLauncher.isServing()) {
            System.exit(code);
        }
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Otklik());
        // the spelling, `otklik bench inbound ...`, beside `otklik bench-inbound ...`
        cli.addSubcommand("bench", new CommandLine(new BenchCommand()).addSubcommand("inbound",
                new InboundBenchCommand()));
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter err = e.getCommandLine().getErr();
            err.println("otklik: " + e.getMessage().lines().findFirst().orElse("bad arguments")
                    + " (see: otklik " + (e.getCommandLine().getCommandName().equals("otklik") ? ""
                    : e.getCommandLine().getCommandName() + " ") + "--help)");
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UsageError usage) {
                commandLine.getErr().println("otklik: " + usage.getMessage());
                return USAGE;
            }
            commandLine.getErr().println("otklik: " + rootMessage(e));
            return 1;
        });
        return cli;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }

    @CommandLine.Command(name = "bench", mixinStandardHelpOptions = true,
            description = "Benchmarks against a running server: bench inbound (same as bench-inbound).")
    static final class BenchCommand implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getErr().println("otklik: give a benchmark: bench inbound (see: otklik bench --help)");
            return USAGE;
        }
    }

    /** An argument combination the parser accepted but that makes no sense; exits with 2. */
    static final class UsageError extends RuntimeException {
        UsageError(String message) {
            super(message);
        }
    }
}
