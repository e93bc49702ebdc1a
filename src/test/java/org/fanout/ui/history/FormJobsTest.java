package org.fanout.ui.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.fanout.cli.FanoutCommand;
import org.fanout.engine.strategy.Strategy;
import org.fanout.history.Database;
import org.fanout.history.History;
import org.fanout.history.Run;
import org.fanout.lab.Lab;
import org.fanout.lab.LabOptions;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.form.CompareJob;
import org.fanout.ui.form.ScanFormViewModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job typed into the form and the same job typed on the command line get the same key in the
 * history, so their runs pair up in a diff: both make their jobs through {@code Job.of}.
 */
class FormJobsTest {
    @TempDir
    Path dir;

    @Test
    void aTcpJobFromTheFormHasTheKeyOfTheSameScanOnTheCommandLine() throws Exception {
        try (ServerSocket open = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(open.getLocalPort());
            ScanFormViewModel form = new ScanFormViewModel();
            form.setMode(ScanMode.TCP);
            form.setHosts("127.0.0.1");
            form.setPorts(port);
            form.setTimeout("1s");
            form.setRetries(0);
            form.setBanner(true);
            form.tlsProperty().set(true);
            assertThat(form.isValid()).isTrue();

            Run cli = runCli(
                    "scan",
                    "--hosts",
                    "127.0.0.1",
                    "--ports",
                    port,
                    "--timeout",
                    "1s",
                    "--retries",
                    "0",
                    "--banner",
                    "--tls");

            assertSameJob(form, Strategy.POOL, 16, cli, ScanMode.TCP);
        }
    }

    @Test
    void anHttpJobFromTheFormHasTheKeyOfTheSameCheckOnTheCommandLine() throws Exception {
        try (Lab lab = Lab.start(LabOptions.defaults().withTcpCount(0).withHttpPort(0))) {
            String pattern = lab.http().baseUrl() + "/status/{200,404}";
            ScanFormViewModel form = new ScanFormViewModel();
            form.setMode(ScanMode.HTTP);
            form.setUrls("");
            form.setPattern(pattern);
            form.setMethod("GET");
            form.setTimeout("2s");
            form.setRetries(1);
            form.insecureProperty().set(true);
            form.titleProperty().set(true);
            assertThat(form.isValid()).isTrue();

            Run cli = runCli(
                    "http",
                    "--pattern",
                    pattern,
                    "--method",
                    "GET",
                    "--timeout",
                    "2s",
                    "--retries",
                    "1",
                    "-k",
                    "--title");

            assertSameJob(form, Strategy.NIO, 100, cli, ScanMode.HTTP);
        }
    }

    /** The form's job has the CLI run's key, and Re-run of that run puts the same job back into a form. */
    private static void assertSameJob(ScanFormViewModel form, Strategy strategy, int threads, Run cli, ScanMode mode) {
        assertThat(FormJobs.of(CompareJob.of(form), strategy, threads).key()).isEqualTo(cli.jobKey());
        assertThat(rerun(cli, mode))
                .as("Re-run puts the same job back into a form")
                .isEqualTo(cli.jobKey());
    }

    /** The key of the job a fresh form holds after Re-run of {@code run}, its boxes ticked the other way first. */
    private static String rerun(Run run, ScanMode mode) {
        ScanFormViewModel form = new ScanFormViewModel();
        form.setMode(mode);
        form.setBanner(false);
        form.tlsProperty().set(false);
        form.insecureProperty().set(false);
        form.titleProperty().set(false);
        FormJobs.fill(form, run);
        assertThat(form.isValid()).isTrue();
        return FormJobs.of(CompareJob.of(form), Strategy.POOL, 8).key();
    }

    private Run runCli(String... job) {
        String db = dir.resolve("history.db").toString();
        String[] args = new String[job.length + 5];
        System.arraycopy(job, 0, args, 0, job.length);
        System.arraycopy(
                new String[] {
                    "--db",
                    db,
                    "--no-progress",
                    "--output",
                    dir.resolve("out.csv").toString()
                },
                0,
                args,
                job.length,
                5);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = FanoutCommand.execute(
                args,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        try (History history = History.open(Database.locate(db, Map.of()))) {
            return history.runs(1).getFirst();
        }
    }
}
