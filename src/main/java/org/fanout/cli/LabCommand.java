package org.fanout.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.fanout.lab.Lab;
import org.fanout.lab.LabOptions;
import org.fanout.lab.StatusMix;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "lab",
        sortOptions = false,
        mixinStandardHelpOptions = true,
        description = "Start practice targets on loopback: TCP listeners (some with ssh/telnet-like banners)"
                + " and an HTTP server with chosen latency, status codes and faults. Ctrl-C stops it.",
        footer = {
            "",
            "Examples:",
            "  fanout lab --tcp 8 --http-port 8080 --latency 50ms",
            "  fanout lab --latency 100ms --status-mix 200:80,404:10,500:10 \\",
            "      --reset-share 0.02"
        })
final class LabCommand implements Callable<Integer> {
    @Option(
            names = "--tcp",
            paramLabel = "N",
            defaultValue = "4",
            description = "TCP listeners, 0-1024 (default: ${DEFAULT-VALUE}).")
    int tcp;

    @Option(
            names = "--tcp-ports",
            paramLabel = "A-B",
            description = "The TCP listeners' ports, e.g. 9000-9007 (sets their count; default: any free ports).")
    String tcpPorts;

    @Option(
            names = "--http-port",
            paramLabel = "P",
            defaultValue = "8080",
            description = "HTTP port, 0 = any free (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(
            names = "--bind",
            paramLabel = "ADDR",
            defaultValue = "127.0.0.1",
            description = "Loopback address to listen on: 127.0.0.1, ::1 or both (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(
            names = "--latency",
            paramLabel = "D",
            defaultValue = "50ms",
            converter = Converters.DurationConverter.class,
            description = "Delay before each default reply (default: ${DEFAULT-VALUE}).")
    Duration latency;

    @Option(
            names = "--spread",
            paramLabel = "D",
            defaultValue = "0ms",
            description = "Latency varies by up to +/- this.")
    String spread;

    @Option(
            names = "--status-mix",
            paramLabel = "MIX",
            defaultValue = LabOptions.DEFAULT_STATUS_MIX,
            description = "Status weights, e.g. 200:90,404:5,500:3,301:2 (default: ${DEFAULT-VALUE}).")
    String statusMix;

    @Option(
            names = "--reset-share",
            paramLabel = "F",
            defaultValue = "0",
            description = "Share of replies reset, 0..1.")
    double resetShare;

    @Option(
            names = "--slow-share",
            paramLabel = "F",
            defaultValue = "0",
            description = "Share of replies made slow, 0..1.")
    double slowShare;

    @Option(
            names = "--slow-delay",
            paramLabel = "D",
            defaultValue = "5s",
            converter = Converters.DurationConverter.class,
            description = "Extra delay of slow replies (default: ${DEFAULT-VALUE}).")
    Duration slowDelay;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "1",
            description = "Seed for which path gets which reply.")
    long seed;

    @Option(
            names = "--for",
            paramLabel = "D",
            converter = Converters.DurationConverter.class,
            description = "Stop by itself after this long (default: run until Ctrl-C).")
    Duration runFor;

    private final PrintStream out;

    LabCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        LabOptions options;
        try {
            Duration spreadValue = spread.equals("0ms") || spread.equals("0")
                    ? Duration.ZERO
                    : new Converters.DurationConverter().convert(spread);
            int count = tcp;
            int first = 0;
            if (tcpPorts != null) {
                int[] range = portRange(tcpPorts);
                first = range[0];
                count = range[1] - range[0] + 1;
            }
            options = new LabOptions(
                    count,
                    httpPort,
                    latency,
                    spreadValue,
                    StatusMix.parse(statusMix),
                    resetShare,
                    slowShare,
                    slowDelay,
                    seed,
                    true,
                    loopbackAddress(bind),
                    first,
                    bind.strip().equals("both"));
        } catch (IllegalArgumentException | picocli.CommandLine.TypeConversionException e) {
            throw new UserError(e.getMessage());
        }
        CountDownLatch stop = new CountDownLatch(1);
        try (Lab lab = startOrExplain(options)) {
            out.println(lab.describe());
            out.println("Ctrl-C stops the lab.");
            out.flush();
            Object previous = Interrupts.onCtrlC(stop::countDown);
            try {
                if (runFor != null) stop.await(runFor.toMillis(), TimeUnit.MILLISECONDS);
                else stop.await();
            } finally {
                Interrupts.restore(previous);
            }
        }
        out.println("lab stopped");
        return 0;
    }

    /** 127.0.0.1 or ::1 only, given as a literal: no name is looked up and nothing else is bound. */
    static InetAddress loopbackAddress(String text) {
        String t = text.strip();
        if (t.equals("localhost") || t.equals("127.0.0.1") || t.equals("both")) return InetAddress.getLoopbackAddress();
        if (t.equals("::1") || t.equals("[::1]")) {
            try {
                return InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException("--bind must be a loopback address, 127.0.0.1 or ::1, or both: " + text);
    }

    /** "9000-9007" or "9000" → {first, last}. */
    static int[] portRange(String text) {
        String[] parts = text.strip().split("-", -1);
        try {
            int first = Integer.parseInt(parts[0].strip());
            int last = parts.length == 1 ? first : Integer.parseInt(parts[1].strip());
            if (parts.length > 2 || first < 1 || last > 65535 || last < first) throw new NumberFormatException();
            if (last - first + 1 > 1024) {
                throw new IllegalArgumentException("--tcp-ports: at most 1024 listeners: " + text);
            }
            return new int[] {first, last};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--tcp-ports must be a port range like 9000-9007 (1-65535): " + text);
        }
    }

    private static Lab startOrExplain(LabOptions options) {
        try {
            return Lab.start(options);
        } catch (IOException e) {
            throw new UserError("cannot start the lab: " + e.getMessage()
                    + (options.httpPort() != 0 || options.firstTcpPort() != 0
                            ? " (is a port taken? try --http-port 0 or other --tcp-ports)"
                            : ""));
        }
    }
}
