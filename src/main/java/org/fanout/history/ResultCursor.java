package org.fanout.history;

import java.sql.SQLException;
import org.fanout.engine.probe.ProbeResult;

/** A run's results read one at a time from the database, nothing held but what is being read. */
interface ResultCursor extends AutoCloseable {
    /** The next result, or null after the last. */
    ProbeResult next() throws SQLException;

    @Override
    void close() throws SQLException;
}
