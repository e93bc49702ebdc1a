package org.fanout.ui.main;

/**
 * What the desktop app is opened with, e.g. from {@code ./fanout gui --hosts ... --start}.
 * Every field but {@code start} may be null, meaning "the remembered value, or the default".
 *
 * @param mode     "tcp" or "http"
 * @param hosts    host list as the CLI accepts it (TCP)
 * @param ports    port list as the CLI accepts it (TCP)
 * @param urls     URLs, separated by newlines, commas or spaces (HTTP)
 * @param pattern  a URL pattern such as {@code http://127.0.0.1:8080/{a-c}} (HTTP); wins over urls
 * @param threads  concurrency, 1-100000
 * @param strategy auto, serial, pool, virtual, nio or process
 * @param timeout  a duration such as {@code 1s} or {@code 250ms}
 * @param retries  extra attempts, 0-10
 * @param banner   grab banners (TCP)
 * @param start    start the scan as soon as the window opens (if the form is valid)
 * @param theme    light, dark or system (remembered), or null for the remembered one
 */
public record GuiOptions(
        String mode,
        String hosts,
        String ports,
        String urls,
        String pattern,
        Integer threads,
        String strategy,
        String timeout,
        Integer retries,
        Boolean banner,
        boolean start,
        String theme) {
    /** Without a theme: the remembered one. */
    public GuiOptions(
            String mode,
            String hosts,
            String ports,
            String urls,
            String pattern,
            Integer threads,
            String strategy,
            String timeout,
            Integer retries,
            Boolean banner,
            boolean start) {
        this(mode, hosts, ports, urls, pattern, threads, strategy, timeout, retries, banner, start, null);
    }

    /** Nothing given: remembered values, no auto-start. */
    public static GuiOptions none() {
        return new GuiOptions(null, null, null, null, null, null, null, null, null, null, false);
    }
}
