package org.fanout.export;

import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.fanout.engine.probe.CertificateInfo;
import org.fanout.engine.probe.TcpState;

/**
 * One complete record of a result file, its cells in the kind's column order, with typed
 * reads that name the file and record when a cell is malformed.
 */
record ResultRow(Path file, long number, List<String> cells) {
    String cell(int i) {
        return cells.get(i);
    }

    String optional(int i) {
        String cell = cells.get(i);
        return cell.isEmpty() ? null : cell;
    }

    int integer(int i) {
        try {
            return Integer.parseInt(cells.get(i));
        } catch (NumberFormatException e) {
            throw bad("is not a whole number");
        }
    }

    long longValue(int i) {
        try {
            return cells.get(i).isEmpty() ? -1 : Long.parseLong(cells.get(i));
        } catch (NumberFormatException e) {
            throw bad("is not a whole number");
        }
    }

    int status(int i) {
        return cells.get(i).isEmpty() ? 0 : integer(i);
    }

    long latency(int i) {
        try {
            return Columns.parseLatencyMillis(cells.get(i));
        } catch (ArithmeticException | NumberFormatException e) {
            throw bad("is not a latency in milliseconds");
        }
    }

    /** The seven certificate cells from {@code i}; null where no certificate was recorded. */
    CertificateInfo certificate(int i) {
        if (cells.get(i + 4).isEmpty()) return null;
        try {
            return new CertificateInfo(
                    optional(i),
                    cell(i + 1),
                    cell(i + 2),
                    cell(i + 3),
                    Instant.parse(cell(i + 4)),
                    Long.parseLong(cell(i + 5)),
                    Boolean.parseBoolean(cell(i + 6)));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw bad("has a malformed certificate");
        }
    }

    TcpState state(int i) {
        try {
            return TcpState.fromLabel(cells.get(i));
        } catch (IllegalArgumentException e) {
            throw bad("is not a TCP state");
        }
    }

    private IllegalArgumentException bad(String what) {
        return new IllegalArgumentException(file + ": record " + number + ": '" + cells + "' " + what);
    }
}
