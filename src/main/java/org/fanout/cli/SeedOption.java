package org.fanout.cli;

import picocli.CommandLine.Option;

/**
 * {@code --seed}: which random order a run probes its targets in. A class of its own because it
 * says how a job runs, not which targets it checks: {@link HistoryOptions#job} reads that from
 * where an option is declared, as it does for {@link ConcurrencyOptions}.
 */
final class SeedOption {
    static final String NAME = "--seed";

    @Option(
            names = NAME,
            paramLabel = "N",
            description =
                    "Seed of the random order: the same seed gives the same order (default: a new one, shown in the summary).")
    Long seed;
}
