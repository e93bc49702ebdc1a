package org.fanout.lab;

import java.util.List;

/** Helpers to check that no lab thread survives a close. */
final class LabThreads {
    private LabThreads() {}

    /** Names of live platform threads that belong to the lab (there should be none, ever). */
    static List<String> platformLabThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("fanout-lab"))
                .toList();
    }
}
