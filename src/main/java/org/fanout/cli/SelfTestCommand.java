package org.fanout.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.strategy.Strategy;
import org.fanout.export.ResumeReader;
import org.fanout.history.Database;
import org.fanout.history.History;
import org.fanout.lab.Lab;
import org.fanout.lab.LabOptions;
import org.fanout.lab.StatusMix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Checks that Fanout works on this machine: starts its own loopback lab and runs the real
 * {@code scan} and {@code http} commands against it with every strategy — CSV output and a
 * history database in a scratch folder, read back and checked, then deleted. Touches nothing
 * but the ports it opened. (The launcher's class-data archive is trained by this run, so what it
 * runs is what later commands find ready.)
 */
@Command(
        name = "selftest",
        mixinStandardHelpOptions = true,
        description = "Check that Fanout works here: scan a loopback lab of its own with every strategy.")
final class SelfTestCommand implements Callable<Integer> {
    @Option(names = "--quiet", description = "Print only failures.")
    boolean quiet;

    private final PrintStream out;

    SelfTestCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        LabOptions options = LabOptions.defaults()
                .withTcpCount(4)
                .withHttpPort(0)
                .withLatency(Duration.ZERO, Duration.ZERO)
                .withStatusMix(StatusMix.parse("200:1"));
        Path scratch = Files.createTempDirectory("fanout-selftest");
        int failures = 0;
        try (Lab lab = Lab.start(options)) {
            StringBuilder ports = new StringBuilder(Integer.toString(freedPort()));
            lab.tcp().ports().forEach(p -> ports.append(',').append(p));
            String urls = lab.http().baseUrl() + "/{status/200,redirect/2,status/404}";
            String db = scratch.resolve("history.db").toString();
            for (Strategy s : Strategy.values()) {
                failures += check(
                        s,
                        scratch,
                        db,
                        Map.of("open", 4L, "closed", 1L),
                        "scan",
                        "--hosts",
                        "127.0.0.1",
                        "--ports",
                        ports.toString(),
                        "--banner",
                        "--banner-timeout",
                        "300ms");
                failures += check(s, scratch, db, Map.of("200", 2L, "404", 1L), "http", "--pattern", urls);
            }
            failures += checkHistory(db, 2 * Strategy.values().length);
        } finally {
            deleteTree(scratch);
        }
        // The build it tested, made either way: ./fanout's class-data archive is trained by a quiet
        // self-test, and so holds what --version runs too (without it, ~20 ms of classes spun at
        // every --version).
        String build = FanoutCommand.VERSION.getVersion()[0];
        if (!quiet || failures > 0)
            out.println((failures == 0 ? "selftest: all strategies ok" : "selftest: " + failures + " failed") + " ("
                    + build + ")");
        return failures == 0 ? 0 : FanoutCommand.FAILURE;
    }

    /**
     * Runs one command ({@code job}: its name and targets) in-process under strategy {@code s},
     * its output a CSV in {@code scratch} and its history in {@code db}; the CSV, read back, must
     * hold exactly {@code want} outcomes.
     */
    private int check(Strategy s, Path scratch, String db, Map<String, Long> want, String... job) {
        boolean tcp = job[0].equals("scan");
        String what = (tcp ? "tcp  " : "http ") + s.label();
        Path csv = scratch.resolve(job[0] + "-" + s.label() + ".csv");
        List<String> args = new ArrayList<>(List.of(job));
        args.addAll(List.of(
                "--timeout",
                "2s",
                "--strategy",
                s.label(),
                "--threads",
                "8",
                "--workers",
                "1",
                "--db",
                db,
                "--no-progress",
                "--output",
                csv.toString()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FanoutCommand.execute(
                args.toArray(String[]::new),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        Map<String, Long> got;
        try (Stream<? extends ProbeResult> results = tcp ? ResumeReader.readTcp(csv) : ResumeReader.readHttp(csv)) {
            got = results.collect(Collectors.groupingBy(ProbeResult::outcome, TreeMap::new, Collectors.counting()));
        } catch (IOException | RuntimeException e) {
            got = Map.of("unreadable output: " + e.getMessage(), 1L);
        }
        String problem = status != 0
                ? "exit status " + status + ": "
                        + err.toString(StandardCharsets.UTF_8).strip()
                : "";
        return report(what, got, want, problem);
    }

    /** Every run above is in the history, complete. */
    private int checkHistory(String db, int runs) {
        Map<String, Long> got;
        try (History history = History.open(Database.locate(db, Map.of()))) {
            got = history.runs(runs + 1).stream()
                    .collect(Collectors.groupingBy(
                            r -> r.complete() ? "complete" : "incomplete", TreeMap::new, Collectors.counting()));
        } catch (RuntimeException e) {
            got = Map.of("unusable: " + e.getMessage(), 1L);
        }
        return report("history", got, Map.of("complete", (long) runs), "");
    }

    private int report(String what, Map<String, Long> got, Map<String, Long> want, String problem) {
        boolean ok = got.equals(new TreeMap<>(want)) && problem.isEmpty();
        if (!quiet || !ok)
            out.println((ok ? "ok    " : "FAIL  ") + what + "  " + got
                    + (ok ? "" : " (expected " + new TreeMap<>(want) + ")" + (problem.isEmpty() ? "" : " " + problem)));
        return ok ? 0 : 1;
    }

    private static int freedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
