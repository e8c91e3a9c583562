package org.tracemap.cli;

import picocli.CommandLine.Option;

/**
 * {@code -h, --help} for every subcommand: prints its usage and exits 0. (picocli's {@code mixinStandardHelpOptions}
 * would add {@code -V, --version} too, which {@code review decide} uses for the candidate version; the top command
 * has the standard pair.)
 */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
