package org.fanout.engine.strategy;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.fanout.engine.probe.ProbeResult;

/**
 * The entry point of a {@code process} strategy worker JVM. Its stdin and stdout are a data
 * channel to the parent, never a terminal: "READY n" (n: the threads it runs, capped by its own
 * open-file and thread limits), wait for "GO", then one target per line in and one result per
 * line out, until stdin ends. Each target has its deadline ({@link Deadlines}). In a paced scan
 * it also says when it starts each target ({@link #STARTED} and its sequence number).
 */
public final class ProcessWorker {
    /** Starts a line saying a target has started (paced scans): no result line starts so. */
    static final String STARTED = "+";

    private ProcessWorker() {}

    public static void main(String[] args) throws Exception {
        WireFormat<?, ?> wire =
                switch (args[0]) {
                    case "tcp" -> Jobs.tcpWire();
                    case "http" -> Jobs.httpWire();
                    default -> throw new IllegalArgumentException("unknown worker kind " + args[0]);
                };
        try {
            serve(
                    wire,
                    args[1],
                    Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]),
                    Duration.ofNanos(Long.parseLong(args[4])),
                    Boolean.parseBoolean(args[5]));
        } catch (Exception | Error e) {
            // The parent sees our stdout end and reports what we held as abandoned.
            Runtime.getRuntime().halt(1);
        }
        Runtime.getRuntime().halt(0);
    }

    private static <T, R extends ProbeResult> void serve(
            WireFormat<T, R> wire, String probeArgs, int asked, int retries, Duration worstCase, boolean paced)
            throws IOException, InterruptedException {
        WireFormat.WorkerSide<T, R> side = wire.workerSide(probeArgs);
        int threads = ResourceLimits.blockingThreads(asked);
        Deadlines deadlines = new Deadlines(worstCase);
        BufferedReader in = new BufferedReader(
                new InputStreamReader(new FileInputStream(FileDescriptor.in), StandardCharsets.UTF_8));
        BufferedWriter out = new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8), 1 << 16);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(null, r, "worker", 256 * 1024);
            t.setDaemon(true);
            return t;
        });
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread writer = Thread.ofPlatform().name("worker-out").start(() -> {
            try {
                while (true) {
                    String line = lines.take();
                    if (line.isEmpty()) break;
                    out.write(line);
                    out.write('\n');
                    if (lines.isEmpty()) out.flush(); // batch while busy, never sit on a result
                }
                out.flush();
            } catch (IOException | InterruptedException parentGone) {
                Runtime.getRuntime().halt(0);
            }
        });
        out.write("READY " + threads + "\n");
        out.flush();
        if (!"GO".equals(in.readLine())) return;
        // Paced, starts are announced only once a probe has ended: before that, the first probes load
        // their classes for tens of milliseconds, targets started meanwhile wait on the same loading
        // and then all connect together. Until then results are the parent's only word.
        AtomicBoolean warm = new AtomicBoolean();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            int tab = line.indexOf('\t');
            String seq = line.substring(0, tab);
            T target = side.decodeTarget(line.substring(tab + 1));
            pool.execute(() -> {
                if (paced && warm.get()) lines.add(STARTED + seq);
                try {
                    R r = deadlines.check(side.probe(), target, retries);
                    lines.add(seq + "\t" + wire.encodeResult(r));
                    warm.set(true);
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        lines.add("");
        writer.join();
    }
}
