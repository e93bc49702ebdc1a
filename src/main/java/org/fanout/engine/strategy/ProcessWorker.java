package org.fanout.engine.strategy;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
        boolean warmedUp = paced && warmUp(side, deadlines);
        out.write("READY " + threads + "\n");
        out.flush();
        if (!"GO".equals(in.readLine())) return;
        Starts starts = paced ? new Starts(lines, warmedUp) : null;
        if (paced && !warmedUp) Thread.ofPlatform().daemon().start(starts::warmAfterAWhile);
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            int tab = line.indexOf('\t');
            String seq = line.substring(0, tab);
            T target = side.decodeTarget(line.substring(tab + 1));
            pool.execute(() -> {
                if (starts != null) starts.started(seq);
                try {
                    R r = deadlines.check(side.probe(), target, retries);
                    if (starts != null) starts.ended(seq);
                    lines.add(seq + "\t" + wire.encodeResult(r));
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

    /**
     * Probes a loopback socket of the worker's own once, before it says READY: cold, a probe loads
     * its classes (and the native calls it makes) for tens to hundreds of milliseconds, which the
     * scan's first targets would wait out together and then connect in a burst, or, paced, hold
     * the schedule back by. The connection is accepted and closed at once. Returns whether it ran.
     */
    private static <T, R extends ProbeResult> boolean warmUp(WireFormat.WorkerSide<T, R> side, Deadlines deadlines) {
        try (var own = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            Thread.ofPlatform().daemon().start(() -> {
                try (Socket accepted = own.accept()) {
                    // closed at once: the probe sees a connection, then its end
                } catch (IOException closed) {
                    // the warm-up is over
                }
            });
            deadlines.check(side.probe(), side.ownLoopbackTarget(own.getLocalPort()), 0);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * A paced worker's word on each start ({@link #STARTED}), held back while it is cold: the first
     * probes load their classes for tens of milliseconds, targets started meanwhile wait on the
     * same loading and would all connect together once it is done. So the starts are said once a
     * probe has ended (normally the warm-up's, before READY), or {@link #COLD_MILLIS} after the
     * first target came (a probe still going then waits on the network, not on classes): a
     * filtered target first does not stall the scan for its whole timeout.
     */
    private static final class Starts {
        static final long COLD_MILLIS = 200;

        private final LinkedBlockingQueue<String> lines;
        private final Queue<String> held = new ConcurrentLinkedQueue<>();
        private final CountDownLatch firstCame = new CountDownLatch(1);
        private volatile boolean warm;

        Starts(LinkedBlockingQueue<String> lines, boolean warm) {
            this.lines = lines;
            this.warm = warm;
        }

        void started(String seq) {
            firstCame.countDown();
            if (warm) {
                lines.add(STARTED + seq);
                return;
            }
            held.add(seq);
            if (warm) sayHeld(); // warmed meanwhile: what it said may have missed this one
        }

        /** Before its result: a start said after it would tell the parent of a target long gone. */
        void ended(String seq) {
            held.remove(seq);
            warm = true;
            sayHeld();
        }

        void warmAfterAWhile() {
            try {
                firstCame.await();
                Thread.sleep(COLD_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            warm = true;
            sayHeld();
        }

        private void sayHeld() {
            for (String seq = held.poll(); seq != null; seq = held.poll()) lines.add(STARTED + seq);
        }
    }
}
