package org.fanout.engine.strategy;

import org.fanout.engine.probe.Probe;
import org.fanout.engine.probe.ProbeResult;

/**
 * How targets and results cross a process boundary as single text lines (no tabs or newlines
 * inside fields: {@link Wire} escapes them), and how a worker rebuilds the probe.
 */
public interface WireFormat<T, R extends ProbeResult> {
    /** "tcp" or "http": tells a worker which wire format to use. */
    String kind();

    /** The probe's configuration as one argument for the worker's command line. */
    String probeArgs();

    String encodeTarget(T target);

    String encodeResult(R result);

    R decodeResult(String line);

    /** The worker side: a decoder of targets and the probe to run them with. */
    WorkerSide<T, R> workerSide(String probeArgs);

    interface WorkerSide<T, R extends ProbeResult> {
        T decodeTarget(String line);

        Probe<T, R> probe();

        /** A target at {@code port} of 127.0.0.1: a socket the worker opened itself, to warm up on. */
        T ownLoopbackTarget(int port);
    }
}
