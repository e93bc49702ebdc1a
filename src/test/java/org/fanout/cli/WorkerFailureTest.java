package org.fanout.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.fanout.lab.TcpLab;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Worker JVMs that cannot start: one clear error line saying why, exit status 1, nothing hangs. */
@Timeout(60)
class WorkerFailureTest {
    @Test
    void aWorkerThatCannotStartIsReportedWithItsReason() throws Exception {
        int closed = TcpLab.freeEphemeralPorts(1).getFirst();
        String classPath = System.getProperty("java.class.path");
        System.setProperty("java.class.path", "/nonexistent/fanout.jar"); // workers inherit it
        CliRunner r;
        try {
            r = CliRunner.run("scan", "--hosts", "127.0.0.1", "--ports", Integer.toString(closed), "--strategy", "process");
        } finally {
            System.setProperty("java.class.path", classPath);
        }
        assertThat(r.status()).isEqualTo(FanoutCommand.FAILURE);
        String[] lines = r.err().strip().split("\\R");
        assertThat(lines).hasSize(1);
        assertThat(lines[0]).startsWith("error: cannot run worker processes: a worker process failed to start: ")
                .contains("ProcessWorker");
    }
}
