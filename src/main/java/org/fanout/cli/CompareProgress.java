package org.fanout.cli;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.fanout.engine.Scan;

/** A progress bar per run on stderr, where a person watches; notes go above it. */
final class CompareProgress {
    private final PrintStream err;
    private final boolean wanted;
    private final String noun;
    private ProgressBar bar;
    private Scan<?, ?> scan;
    private Thread ticker;

    CompareProgress(PrintStream err, boolean wanted, String noun) {
        this.err = err;
        this.wanted = wanted;
        this.noun = noun;
    }

    void start(String name, Scan<?, ?> scan) {
        stop();
        if (!wanted) return;
        ProgressBar b = new ProgressBarBuilder()
                .setTaskName(name)
                .setInitialMax(scan.progress().total())
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(100)
                .showSpeed()
                .setUnit(" " + noun, 1)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .build();
        bar = b;
        this.scan = scan;
        ticker = Thread.ofPlatform().daemon().name("fanout-progress").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    b.stepTo(scan.progress().done());
                    Thread.sleep(100);
                }
            } catch (InterruptedException done) {
                // the run ended
            }
        });
    }

    void note(String line) {
        if (bar == null) {
            err.println(line);
        }
        // with a bar on the terminal, notes would tear it; the table and summary say enough
    }

    void stop() {
        if (ticker != null) {
            ticker.interrupt();
            try {
                ticker.join(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ticker = null;
        }
        if (bar != null) {
            bar.stepTo(scan.progress().done()); // the last frame shows where the run ended
            bar.close();
            bar = null;
            scan = null;
        }
    }
}
