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
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.fanout.engine.flow.Cancellation;
import org.fanout.engine.flow.Paced;
import org.fanout.engine.flow.ScanFailedException;
import org.fanout.engine.probe.ErrorKinds;
import org.fanout.engine.probe.ProbeResult;

/**
 * The seeds' processes with thread pools: N worker JVMs, each running its own pool, fed from
 * one shared work queue. A separate feeder thread fills the queue, so results flowing back can
 * never deadlock against work still being queued; all workers report ready and are released
 * together (the barrier), so no early starter takes all the work.
 *
 * <p>A worker that dies (killed, out of descriptors or threads) is reported through
 * {@code onWorkerDied}; the targets it held go back to the queue for a live worker (or a
 * replacement, when none is left), once each; a target that cannot be run anywhere is reported
 * with error {@code worker_died}, never dropped and never passed off as {@code filtered}.
 *
 * <p>A paced scan ({@code --rate}) draws its next target only once the workers have started the
 * ones before it (they say so on lines of their own), as the thread strategies do, less the few
 * due within a round trip to a worker ({@link Paced#mayWaitUnstarted}): a worker that stalls (a busy machine,
 * its JVM still cold) then holds up the schedule, which the pacer catches up evenly, instead of
 * piling targets in its pipe that it would start in a burst once it ran again.
 */
public final class ProcessRunner implements StrategyRunner {
    /** Times a target is handed to a worker before a dead worker's loss of it is final. */
    private static final int MAX_TRIES = 2;

    private final int workers;
    private final int threads;
    private final Runnable onWorkerDied;

    public ProcessRunner(int workers, int threads, Runnable onWorkerDied) {
        long threadsLeft = ResourceLimits.freeThreads();
        // Each worker JVM needs its own threads besides its probe threads: never more workers
        // than the process limit (ulimit -u) can hold.
        long fit = threadsLeft < 0 ? Integer.MAX_VALUE : threadsLeft / (ResourceLimits.WORKER_JVM_THREADS + 1);
        this.workers = (int) Math.max(1, Math.min(Math.min(workers, threads), fit));
        this.threads = threads;
        this.onWorkerDied = onWorkerDied;
    }

    private record Item(long seq, String line, int tries) {}

    private record Held(Item item, long sentAt) {}

    /** One worker JVM and what the parent knows of it. */
    private static final class Worker {
        final Process process;
        final BufferedWriter in;
        final BufferedReader out;
        final WorkerErrors errors;
        final Map<Long, Held> holding = new ConcurrentHashMap<>();
        Semaphore credit;
        Thread sender;
        boolean ended; // guarded by this
        volatile boolean inputClosed;

        Worker(Process process) {
            this.process = process;
            this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.errors = new WorkerErrors(process);
        }

        synchronized boolean ended() {
            return ended;
        }
    }

    @Override
    public <T, R extends ProbeResult> void run(
            ScanJob<T, R> job, Iterator<T> targets, int retries, Consumer<R> emit, Cancellation cancel)
            throws InterruptedException {
        int mayWaitUnstarted = targets instanceof Paced paced ? paced.mayWaitUnstarted() : 0;
        new Run<>(job, mayWaitUnstarted, retries, cancel).run(targets, emit);
    }

    /** One scan's worth of workers, queues and bookkeeping. */
    private final class Run<T, R extends ProbeResult> {
        final ScanJob<T, R> job;
        final WireFormat<T, R> wire;
        final int retries;
        final Cancellation cancel;
        final List<Worker> pool = new CopyOnWriteArrayList<>();
        final List<Thread> threadsStarted = new CopyOnWriteArrayList<>();
        final BlockingQueue<Item> work = new ArrayBlockingQueue<>(1024);
        /** Targets a dead worker held, served before new work. */
        final Queue<Item> retry = new ConcurrentLinkedQueue<>();

        final LinkedBlockingQueue<R> results = new LinkedBlockingQueue<>();
        /** Every target sent out and not yet answered, by sequence number. */
        final Map<Long, T> unanswered = new ConcurrentHashMap<>();
        /** Results the scan will deliver: one per target drawn, final once the feeder is done. */
        final AtomicLong expected = new AtomicLong();

        final long hungAfterNanos;
        volatile boolean feederDone;
        volatile RuntimeException feedFailure;
        /**
         * Paced: how many targets may be sent on unstarted (0: not paced), the feeder, and the
         * targets a worker has said it started and not yet answered.
         */
        final int mayWaitUnstarted;

        volatile Thread feeder;
        final Set<Long> started = ConcurrentHashMap.newKeySet();
        int replacementsLeft = workers;

        Run(ScanJob<T, R> job, int mayWaitUnstarted, int retries, Cancellation cancel) {
            this.job = job;
            this.mayWaitUnstarted = mayWaitUnstarted;
            this.wire = job.wire();
            this.retries = retries;
            this.cancel = cancel;
            // A worker cuts each target off at its deadline; one holding a target for two budgets
            // (one waiting in its queue, one running) plus start-up slack is hung, not busy.
            this.hungAfterNanos = 2 * Deadlines.budget(job.worstCasePerTarget()) + TimeUnit.SECONDS.toNanos(5);
        }

        void run(Iterator<T> targets, Consumer<R> emit) throws InterruptedException {
            Thread driver = Thread.currentThread();
            Runnable stop = () -> {
                pool.forEach(w -> w.process.destroyForcibly());
                threadsStarted.forEach(Thread::interrupt);
                driver.interrupt();
            };
            cancel.onCancel(stop);
            try {
                startAll();
                if (cancel.isCancelled()) return;
                threadsStarted.add(
                        Thread.ofPlatform().name("fanout-feeder").daemon().start(() -> feed(targets)));
                long emitted = 0;
                long lastHungCheck = System.nanoTime();
                while (!cancel.isCancelled()) {
                    R r = results.poll(50, TimeUnit.MILLISECONDS);
                    if (r != null) {
                        emit.accept(r);
                        emitted++;
                        continue;
                    }
                    if (feederDone && emitted == expected.get()) break;
                    if (feedFailure != null) throw feedFailure;
                    if (System.nanoTime() - lastHungCheck > TimeUnit.SECONDS.toNanos(1)) {
                        lastHungCheck = System.nanoTime();
                        killHung();
                    }
                    if (pool.stream().allMatch(Worker::ended) && !replace()) loseTheRest();
                }
            } catch (IOException e) {
                throw new ScanFailedException("cannot run worker processes: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                if (!cancel.isCancelled()) throw e;
            } finally {
                cancel.remove(stop);
                if (cancel.isCancelled()) Thread.interrupted(); // the hook's interrupt has done its job
                for (Worker w : pool) {
                    if (cancel.isCancelled() || !w.process.waitFor(2, TimeUnit.SECONDS)) w.process.destroyForcibly();
                }
                for (Thread t : threadsStarted) t.interrupt();
                for (Worker w : pool) waitQuietly(w.process); // reaped: none is left behind
            }
            if (cancel.isCancelled()) Thread.interrupted();
        }

        /** Starts the workers; those that start are released together. Throws if none can start. */
        private void startAll() throws IOException {
            List<Worker> launched = new ArrayList<>();
            List<Integer> asked = new ArrayList<>();
            for (int i = 0; i < workers && !cancel.isCancelled(); i++) {
                int here = threads / workers + (i < threads % workers ? 1 : 0);
                launched.add(launchWorker(here));
                asked.add(here);
            }
            List<Worker> ready = new ArrayList<>();
            IOException firstFailure = null;
            for (int i = 0; i < launched.size(); i++) {
                try {
                    awaitReady(launched.get(i), asked.get(i));
                    ready.add(launched.get(i));
                } catch (IOException e) {
                    if (firstFailure == null) firstFailure = e;
                }
            }
            if (cancel.isCancelled()) return;
            if (ready.isEmpty())
                throw firstFailure != null ? firstFailure : new IOException("no worker process started");
            for (int i = ready.size(); i < launched.size(); i++) onWorkerDied.run();
            for (Worker w : ready) release(w); // the barrier
        }

        private Worker launchWorker(int threadsHere) throws IOException {
            Worker w = new Worker(
                    launch(wire, threadsHere, retries, job.worstCasePerTarget().toNanos(), mayWaitUnstarted > 0));
            pool.add(w); // from here on a cancel destroys it
            return w;
        }

        /** Waits for a worker to say it is ready and how many threads it runs. */
        private void awaitReady(Worker w, int threadsHere) throws IOException {
            String line = w.out.readLine();
            if (line == null || !line.startsWith("READY")) {
                String why =
                        cancel.isCancelled() ? "" : w.errors.text(); // destroyed by a cancel: no reason to wait for
                w.process.destroyForcibly();
                synchronized (w) {
                    w.ended = true;
                }
                throw new IOException("a worker process failed to start" + (why.isEmpty() ? "" : ": " + why));
            }
            String[] said = line.split(" ");
            int running = said.length > 1 ? Integer.parseInt(said[1]) : threadsHere;
            w.credit = new Semaphore(running * 2); // a second round queued, so no worker thread idles
        }

        private void release(Worker w) throws IOException {
            w.in.write("GO\n");
            w.in.flush();
            w.sender = Thread.ofPlatform().name("fanout-worker-in").daemon().unstarted(() -> send(w));
            threadsStarted.add(w.sender);
            threadsStarted.add(
                    Thread.ofPlatform().name("fanout-worker-out").daemon().start(() -> receive(w)));
            w.sender.start();
        }

        private void feed(Iterator<T> targets) {
            feeder = Thread.currentThread();
            long seq = 0;
            try {
                while (targets.hasNext() && !cancel.isCancelled()) {
                    T t = targets.next();
                    expected.incrementAndGet();
                    R decided = job.precheck(t);
                    if (decided != null) {
                        results.add(decided);
                        continue;
                    }
                    long s = seq++;
                    unanswered.put(s, t);
                    work.put(new Item(s, s + "\t" + wire.encodeTarget(t), 0));
                    if (mayWaitUnstarted > 0) awaitStart(s - mayWaitUnstarted + 1);
                }
            } catch (InterruptedException stopped) {
                // cancelled
            } catch (RuntimeException e) {
                feedFailure = e; // the driver fails the scan with it
            } finally {
                feederDone = true;
            }
        }

        /**
         * Waits until target {@code seq} has started, been answered or been lost, or the scan is
         * cancelled. Each target in turn: a start elsewhere says nothing of a worker that stalls.
         */
        private void awaitStart(long seq) throws InterruptedException {
            while (!started.contains(seq) && unanswered.containsKey(seq) && !cancel.isCancelled()) {
                LockSupport.parkNanos(10_000_000); // unparked by its start or its answer; a loss is seen within 10 ms
                if (Thread.interrupted()) throw new InterruptedException(); // the scan ended: its driver's finally
            }
        }

        /** Feeds one worker, within its credit, until every target is answered or it dies. */
        private void send(Worker w) {
            Item inHand = null;
            try {
                while (true) {
                    inHand = retry.poll();
                    if (inHand == null) inHand = work.poll();
                    if (inHand == null) {
                        w.in.flush(); // nothing queued right now: let the worker see what it has
                        if (feederDone && unanswered.isEmpty()) break;
                        inHand = retry.poll();
                        if (inHand == null) inHand = work.poll(50, TimeUnit.MILLISECONDS);
                        if (inHand == null) continue;
                    }
                    if (!w.credit.tryAcquire()) {
                        w.in.flush(); // the worker must see what it has before it can return credit
                        w.credit.acquire();
                    }
                    synchronized (w) {
                        if (w.ended) break; // in hand: handed back below
                        w.holding.put(inHand.seq(), new Held(inHand, System.nanoTime()));
                    }
                    Item sent = inHand;
                    inHand = null; // held: if the write fails, the worker's end hands it back
                    w.in.write(sent.line());
                    w.in.write('\n');
                }
                if (inHand == null) {
                    w.inputClosed = true;
                    w.in.close(); // end of input: the worker finishes what it has and exits
                }
            } catch (IOException | InterruptedException workerGone) {
                // what it held is handed back when its output ends
            } finally {
                if (inHand != null) retry.add(inHand);
            }
        }

        private void receive(Worker w) {
            try {
                for (String line = w.out.readLine(); line != null; line = w.out.readLine()) {
                    if (line.startsWith(ProcessWorker.STARTED)) {
                        long seq = Long.parseLong(line.substring(ProcessWorker.STARTED.length()));
                        if (unanswered.containsKey(seq)) started.add(seq);
                        LockSupport.unpark(feeder);
                        continue;
                    }
                    int tab = line.indexOf('\t');
                    long seq = Long.parseLong(line.substring(0, tab));
                    R r = wire.decodeResult(line.substring(tab + 1));
                    w.holding.remove(seq);
                    if (unanswered.remove(seq) != null) results.add(r);
                    started.remove(seq);
                    w.credit.release();
                    if (mayWaitUnstarted > 0) LockSupport.unpark(feeder);
                }
            } catch (IOException | RuntimeException workerGone) {
                // handled below
            } finally {
                ended(w);
            }
        }

        /** A worker's output ended: if it died, its targets go back to the queue or are reported lost. */
        private void ended(Worker w) {
            List<Held> held;
            synchronized (w) {
                w.ended = true;
                held = new ArrayList<>(w.holding.values());
                w.holding.clear();
            }
            if (w.sender != null) w.sender.interrupt();
            if (cancel.isCancelled()) return;
            boolean finished = held.isEmpty() && w.inputClosed && exitedCleanly(w.process);
            if (finished) return;
            w.process.destroyForcibly();
            onWorkerDied.run();
            for (Held h : held) {
                Item item = h.item();
                if (item.tries() + 1 < MAX_TRIES) retry.add(new Item(item.seq(), item.line(), item.tries() + 1));
                else lose(item);
            }
        }

        /** Starts a replacement when no worker is left and work is; false if none can start. */
        private boolean replace() {
            if (feederDone && unanswered.isEmpty()) return true; // nothing needs a worker
            if (replacementsLeft <= 0 || cancel.isCancelled()) return false;
            replacementsLeft--;
            try {
                Worker w = launchWorker(threads / workers);
                awaitReady(w, threads / workers);
                release(w);
                return true;
            } catch (IOException e) {
                replacementsLeft = 0;
                return false;
            }
        }

        /** No worker can run what is left: every remaining target is reported lost. */
        private void loseTheRest() {
            for (Item item = retry.poll(); item != null; item = retry.poll()) lose(item);
            for (Item item = work.poll(); item != null; item = work.poll()) lose(item);
            boolean sendersDone = pool.stream().allMatch(w -> w.sender == null || !w.sender.isAlive());
            if (feederDone && sendersDone && work.isEmpty() && retry.isEmpty()) {
                for (Long seq : List.copyOf(unanswered.keySet())) {
                    T t = unanswered.remove(seq);
                    if (t != null) results.add(job.failed(t, ErrorKinds.WORKER_DIED));
                }
            }
        }

        private void lose(Item item) {
            started.remove(item.seq());
            T t = unanswered.remove(item.seq());
            if (t != null) results.add(job.failed(t, ErrorKinds.WORKER_DIED));
        }

        /** A worker holding a target far past its deadline is hung: killing it hands its targets on. */
        private void killHung() {
            long now = System.nanoTime();
            for (Worker w : pool) {
                if (w.ended()) continue;
                for (Held h : w.holding.values()) {
                    if (now - h.sentAt() > hungAfterNanos) {
                        w.process.destroyForcibly();
                        break;
                    }
                }
            }
        }
    }

    private static boolean exitedCleanly(Process p) {
        try {
            return p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void waitQuietly(Process p) {
        try {
            p.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    private static Process launch(
            WireFormat<?, ?> wire, int threadsHere, int retries, long worstCaseNanos, boolean paced)
            throws IOException {
        String java = javaExecutable();
        List<String> cmd = new ArrayList<>(List.of(
                java,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xss256k",
                "-cp",
                System.getProperty("java.class.path"),
                ProcessWorker.class.getName(),
                wire.kind(),
                wire.probeArgs(),
                Integer.toString(threadsHere),
                Integer.toString(retries),
                Long.toString(worstCaseNanos),
                Boolean.toString(paced)));
        return new ProcessBuilder(cmd).start();
    }
}
