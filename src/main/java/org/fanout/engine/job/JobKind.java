package org.fanout.engine.job;

/** The two kinds of job, and which one inputs mean when no mode is named. */
public enum JobKind {
    TCP,
    HTTP;

    /**
     * The kind the given inputs imply where no mode is named ({@code fanout gui}, the app's
     * launch options): HTTP where URLs or a pattern are given, else TCP where hosts or ports
     * are; null where neither (keep what was chosen before).
     */
    public static JobKind implied(boolean urlsGiven, boolean hostsOrPortsGiven) {
        if (urlsGiven) return HTTP;
        return hostsOrPortsGiven ? TCP : null;
    }
}
