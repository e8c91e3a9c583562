package org.tracemap.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/tracemap}: the command line. Exit 0 on success, 1 on failure, 2 on bad usage. */
@Command(name = "tracemap", mixinStandardHelpOptions = true, versionProvider = TracemapCommand.Version.class,
        description = "Capture, archive (WARC) and replay web sources for evidence-backed datasets.",
        subcommands = {ServeCommand.class, DemoCommand.class, CaptureCommand.class, SearchCommand.class, ReindexCommand.class, ImportCommand.class, VerifyCommand.class, ExtractCommand.class,
                EvalExtractCommand.class, EvalMineCommand.class, MineCommand.class, ReviewCommand.class, ExportCommand.class, UsersCommand.class, CrawlCommand.class,
                CommandLine.HelpCommand.class})
public final class TracemapCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Long-running server logs at INFO; one-shot commands keep stderr for their own output.
        if (args.length == 0 || !args[0].equals("serve")) System.setProperty("tracemap.log.level", "WARN");
        System.exit(commandLine().execute(args));
    }

    /** The configured command line, shared with tests. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new TracemapCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + oneLine(e));
            return 1;
        });
        return cli;
    }

    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (serve, capture, verify)");
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = TracemapCommand.class.getPackage().getImplementationVersion();
            return new String[] {"tracemap " + (v == null ? "dev" : v)};
        }
    }
}
