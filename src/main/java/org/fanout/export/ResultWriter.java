package org.fanout.export;

import java.io.Closeable;
import java.io.IOException;
import java.io.Writer;
import org.fanout.engine.probe.ProbeResult;

/**
 * Writes results one at a time, as they arrive (streaming: nothing is collected in memory).
 *
 * <p>Callers serialise their calls (one thread at a time); implementations synchronise
 * {@link #write} anyway. Writers created to flush each result push every completed result
 * to the operating system before {@code write} returns, so a killed process leaves each of
 * them on disk (no fsync: a power cut may still lose the last ones).
 *
 * <p>{@link #close()} flushes and closes the underlying {@link Writer}.
 */
public interface ResultWriter<R extends ProbeResult> extends Closeable {
    void write(R result) throws IOException;

    void flush() throws IOException;
}
