package org.fanout.engine.strategy;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.fanout.engine.probe.ProbeResult;

/**
 * The seeds' processes with thread pools: N worker JVMs, each running its own pool, fed from
 * one shared work queue. A separate feeder thread fills the queue, so results flowing back can
 * never deadlock against work still being queued; all workers report ready and are released
 * together (the barrier), so no early starter takes all the work.
 */
public final class ProcessRunner implements StrategyRunner {
    private static final String END = "\u0000end";
    private final int workers;
    private final int threads;

    public ProcessRunner(int workers, int threads) {
        this.workers = Math.max(1, Math.min(workers, threads));
        this.threads = threads;
    }

    private record Item(long seq, String line) {
    }

    private final class Worker<T> {
        final Process process;
        final BufferedWriter in;
        final BufferedReader out;
        final Semaphore credit;
        final ErrorTail errors;

        Worker(Process process, int threadsHere) {
            this.process = process;
            this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.credit = new Semaphore(threadsHere * 2);
            this.errors = new ErrorTail(process);
        }
    }

    @Override
    public <T, R extends ProbeResult> void run(ScanJob<T, R> job, Iterator<T> targets, int retries, Consumer<R> emit,
                                               Cancellation cancel) throws InterruptedException {
        WireFormat<T, R> wire = job.wire();
        List<Worker<T>> pool = new ArrayList<>();
        List<Thread> threadsStarted = new ArrayList<>();
        BlockingQueue<Item> work = new ArrayBlockingQueue<>(1024);
        LinkedBlockingQueue<R> results = new LinkedBlockingQueue<>();
        ConcurrentHashMap<Long, T> allOutstanding = new ConcurrentHashMap<>();
        Thread driver = Thread.currentThread();
        Runnable stop = () -> {
            pool.forEach(w -> w.process.destroyForcibly());
            threadsStarted.forEach(Thread::interrupt);
            driver.interrupt();
        };
        cancel.onCancel(stop);
        try {
            for (int i = 0; i < workers; i++) {
                int here = threads / workers + (i < threads % workers ? 1 : 0);
                pool.add(new Worker<>(launch(wire, here, retries), here));
            }
            awaitAllReady(pool); // the barrier
            for (Worker<T> w : pool) {
                w.in.write("GO\n");
                w.in.flush();
            }
            // The feeder: draws targets lazily; the driver below only consumes results.
            Thread feeder = Thread.ofPlatform().name("fanout-feeder").daemon().start(() -> {
                long seq = 0;
                try {
                    while (targets.hasNext() && !cancel.isCancelled()) {
                        T t = targets.next();
                        R decided = job.precheck(t);
                        if (decided != null) {
                            results.add(decided);
                            continue;
                        }
                        long s = seq++;
                        allOutstanding.put(s, t);
                        work.put(new Item(s, s + "\t" + wire.encodeTarget(t)));
                    }
                } catch (InterruptedException stopped) {
                    return;
                } finally {
                    for (int i = 0; i < workers; i++) {
                        try {
                            work.put(new Item(-1, END));
                        } catch (InterruptedException cancelled) {
                            break; // cancel destroys the workers anyway
                        }
                    }
                }
            });
            threadsStarted.add(feeder);
            List<Thread> readers = new ArrayList<>();
            for (Worker<T> w : pool) {
                threadsStarted.add(Thread.ofPlatform().name("fanout-worker-in").daemon().start(() -> send(w, work)));
                Thread reader = Thread.ofPlatform().name("fanout-worker-out").daemon()
                        .start(() -> receive(w, wire, results, allOutstanding));
                readers.add(reader);
                threadsStarted.add(reader);
            }
            while (!cancel.isCancelled()) {
                R r = results.poll(50, TimeUnit.MILLISECONDS);
                if (r != null) {
                    emit.accept(r);
                    continue;
                }
                if (!feeder.isAlive() && readers.stream().noneMatch(Thread::isAlive) && results.isEmpty()) break;
            }
            if (!cancel.isCancelled()) {
                // A worker that died leaves its targets unanswered: report them, never drop them.
                for (T lost : allOutstanding.values()) emit.accept(job.probe().abandoned(lost, -1));
            }
        } catch (IOException e) {
            throw new org.fanout.engine.ScanFailedException("cannot run worker processes: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            if (!cancel.isCancelled()) throw e;
        } finally {
            cancel.remove(stop);
            for (Worker<T> w : pool) {
                if (cancel.isCancelled() || !w.process.waitFor(2, TimeUnit.SECONDS)) w.process.destroyForcibly();
            }
            for (Thread t : threadsStarted) t.interrupt();
        }
        if (cancel.isCancelled()) Thread.interrupted();
    }

    private static void send(ProcessRunner.Worker<?> w, BlockingQueue<Item> work) {
        try {
            while (true) {
                if (!w.credit.tryAcquire()) {
                    w.in.flush(); // the worker must see what it has before it can return credit
                    w.credit.acquire();
                }
                Item item = work.poll();
                if (item == null) {
                    w.in.flush(); // nothing queued right now: let the worker see what it has
                    item = work.take();
                }
                if (item.line() == END) break;
                w.in.write(item.line());
                w.in.write('\n');
            }
            w.in.close(); // end of input: the worker finishes what it has and exits
        } catch (IOException | InterruptedException workerGone) {
            // its outstanding targets are reported by the driver
        }
    }

    private static <T, R extends ProbeResult> void receive(ProcessRunner.Worker<T> w, WireFormat<T, R> wire,
                                                           LinkedBlockingQueue<R> results,
                                                           ConcurrentHashMap<Long, T> all) {
        try {
            for (String line = w.out.readLine(); line != null; line = w.out.readLine()) {
                int tab = line.indexOf('\t');
                long seq = Long.parseLong(line.substring(0, tab));
                R r = wire.decodeResult(line.substring(tab + 1));
                if (all.remove(seq) != null) results.add(r);
                w.credit.release();
            }
        } catch (IOException | RuntimeException workerGone) {
            // its outstanding targets are reported by the driver
        }
    }

    private static void awaitAllReady(List<? extends Worker<?>> pool) throws IOException {
        for (Worker<?> w : pool) {
            String line = w.out.readLine();
            if (!"READY".equals(line)) {
                String why = w.errors.text();
                throw new IOException("a worker process failed to start" + (why.isEmpty() ? "" : ": " + why));
            }
        }
    }

    /** The last few hundred characters a worker wrote to stderr, kept so a failure can say why. */
    static final class ErrorTail {
        static final int KEEP = 400;
        private final Process process;
        private final StringBuilder tail = new StringBuilder();
        private final Thread reader;

        /** Drains the process's stderr on a daemon thread (a full pipe must never block the worker). */
        ErrorTail(Process process) {
            this.process = process;
            this.reader = Thread.ofPlatform().daemon().name("fanout-worker-err").start(this::drain);
        }

        private void drain() {
            try (var err = new java.io.InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)) {
                char[] buf = new char[512];
                for (int n = err.read(buf); n >= 0; n = err.read(buf)) {
                    synchronized (tail) {
                        tail.append(buf, 0, n);
                        if (tail.length() > KEEP) tail.delete(0, tail.length() - KEEP);
                    }
                }
            } catch (IOException gone) {
                // the worker ended
            }
        }

        /** What the worker said on stderr, on one line; waits briefly for it to finish saying it. */
        String text() {
            try {
                if (process.waitFor(2, TimeUnit.SECONDS)) reader.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (tail) {
                return tail.toString().strip().replaceAll("\\s*\\R\\s*", " | ");
            }
        }
    }

    /**
     * The {@code java} of the runtime we run on. Not this process's own command: in a packaged app
     * (jpackage) that is the app's launcher, which would hand the JVM options to Main as arguments.
     */
    static String javaExecutable() {
        boolean windows = System.getProperty("os.name", "").startsWith("Windows");
        Path java = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        if (Files.isExecutable(java)) return java.toString();
        return ProcessHandle.current().info().command().orElse("java");
    }

    private Process launch(WireFormat<?, ?> wire, int threadsHere, int retries) throws IOException {
        String java = javaExecutable();
        List<String> cmd = new ArrayList<>(List.of(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss256k",
                "-cp", System.getProperty("java.class.path"), ProcessWorker.class.getName(),
                wire.kind(), wire.probeArgs(), Integer.toString(threadsHere), Integer.toString(retries)));
        return new ProcessBuilder(cmd).start();
    }
}
