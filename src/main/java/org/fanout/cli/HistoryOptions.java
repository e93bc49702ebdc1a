package org.fanout.cli;

import java.io.PrintStream;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.fanout.engine.Scan;
import org.fanout.engine.inputs.TargetOrder;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.export.ResultKind;
import org.fanout.history.Job;
import org.fanout.history.Shard;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --db} and {@code --no-history} for scan and http, and the job a run records: the
 * command's options as given, less those about output and history. Options about how it runs
 * (concurrency, the seed of its order) describe the run but do not make it another job (see
 * {@link Job#key}).
 */
final class HistoryOptions {
    private static final Set<Class<?>> NOT_THE_JOB = Set.of(OutputOptions.class, HistoryOptions.class, DbOption.class);
    /**
     * How fast (threads, strategy) and in which order (the seed) a job runs are not which targets
     * it checks: runs that differ only there are the same job, and diff pairs them.
     */
    private static final Set<Class<?>> HOW_IT_RUNS = Set.of(ConcurrencyOptions.class, SeedOption.class);

    @Mixin
    DbOption db = new DbOption();

    @Option(
            names = "--no-history",
            description =
                    "Do not record this run in the history. (A history that cannot be written"
                            + " gets one 'error: history: ...' line; the scan still runs, and exits as it would without history.)")
    boolean noHistory;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The id of the run the last {@link #recording} recorded, or -1 (watch reads it). */
    long lastRunId = -1;

    /**
     * The recording of one run of {@code scan}: wrap the output's writers with it, and run the
     * scan inside {@link Recording#run}.
     */
    <R extends ProbeResult> Recording<R> recording(ResultKind kind, Scan<?, R> scan, PrintStream err) {
        return new Recording<>(this, kind, scan.progress().total(), scan.order(), err);
    }

    /**
     * Which shard of its job a run with {@code order} takes, and the key its fellow shards share:
     * the job's key with {@code --shard I/N} read as {@code --shard *}{@code /N}.
     */
    static Shard shard(Job job, TargetOrder order) {
        Long seed = order.random() ? order.seed() : null;
        if (!order.sharded()) return Shard.whole(job, seed);
        // The seed is no part of the job, but it decides which targets each shard takes: shards
        // of one seed are one split of the job, and only they make a group.
        String groupKey = job.key().replaceFirst("\"--shard\":\"[^\"]*\"", "\"--shard\":\"*/" + order.shards() + "\"")
                + (seed == null ? "" : " " + SeedOption.NAME + " " + seed);
        return new Shard(order.shard(), order.shards(), seed, groupKey);
    }

    /** The job of the command these options belong to, from what was given on its command line. */
    Job job(ResultKind kind) {
        CommandLine.ParseResult parsed = command.commandLine().getParseResult();
        List<String> described = new ArrayList<>(List.of(Job.kindName(kind)));
        Map<String, Object> all = new TreeMap<>();
        Map<String, Object> identity = new TreeMap<>();
        for (OptionSpec option : command.options()) {
            if (option.usageHelp() || option.versionHelp() || declaredIn(option, NOT_THE_JOB)) continue;
            boolean given = parsed != null && parsed.hasMatchedOption(option);
            boolean flag = option.arity().max() == 0;
            Object value;
            if (given) {
                List<String> values = option.originalStringValues();
                value = flag ? Boolean.TRUE : values.size() == 1 ? values.getFirst() : List.copyOf(values);
                described.add(
                        flag ? option.longestName() : option.longestName() + " " + shellWord(String.join(",", values)));
            } else if (!flag && option.defaultValue() != null) {
                value = option.defaultValue();
            } else {
                continue;
            }
            all.put(option.longestName(), value);
            if (!declaredIn(option, HOW_IT_RUNS)) identity.put(option.longestName(), value);
        }
        for (PositionalParamSpec positional : command.positionalParameters()) {
            if (parsed == null || !parsed.hasMatchedPositional(positional)) continue;
            List<String> values = List.copyOf(positional.originalStringValues());
            all.put(positional.paramLabel(), values);
            identity.put(positional.paramLabel(), values);
            values.forEach(v -> described.add(shellWord(v)));
        }
        return Job.of(kind, identity, all, String.join(" ", described));
    }

    private static boolean declaredIn(OptionSpec option, Set<Class<?>> classes) {
        Object source = option.userObject();
        return source instanceof Field field && classes.contains(field.getDeclaringClass());
    }

    /** A value as a shell user would type it: quoted only where it needs to be. */
    private static String shellWord(String value) {
        if (!value.isEmpty() && value.matches("[A-Za-z0-9_./:,@%+=\\-\\[\\]]+")) return value;
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Prints a history failure as the one line the user sees; the scan goes on. */
    static void report(PrintStream err, RuntimeException e) {
        err.println("error: history: " + FanoutCommand.oneLine(e.getMessage()));
    }
}
