package org.fanout.ui.results;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fanout.engine.Scan;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.inputs.Durations;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TargetSource;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.probe.TcpResult;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.form.ScanFormViewModel;

/**
 * A scan of exactly the targets of some result rows (right-click → Rescan): TCP rows are checked
 * again at the address they had (no new lookup), HTTP rows at their URL. Timeout, retries,
 * banner, method, strategy and threads come from the form.
 */
public final class Rescan {
    private Rescan() {
    }

    public static Scan<?, ? extends ProbeResult> of(List<? extends ProbeResult> rows, ScanFormViewModel form) {
        boolean tcp = rows.getFirst() instanceof TcpResult;
        ScanMode mode = tcp ? ScanMode.TCP : ScanMode.HTTP;
        Duration timeout = Durations.parse(form.timeoutFor(mode));
        ScanSettings settings = new ScanSettings(form.getStrategy(), form.getThreads());
        if (tcp) {
            List<Endpoint> targets = endpoints(rows);
            Duration bannerWait = timeout.compareTo(Duration.ofMillis(500)) < 0 ? timeout : Duration.ofMillis(500);
            return Scan.tcp(new ListSource<>(targets), new TcpProbeConfig(timeout, form.getRetries(), form.isBanner(), bannerWait),
                    settings);
        }
        Set<String> urls = new LinkedHashSet<>();
        for (ProbeResult r : rows) {
            if (r instanceof HttpResult h) urls.add(h.url());
        }
        return Scan.http(UrlSource.of(List.copyOf(urls)), new HttpProbeConfig(form.getMethod(), timeout, true, 10, form.getRetries()),
                Resolver.system(), settings);
    }

    /** One endpoint per distinct host and port; the address is the row's IP literal (never looked up). */
    static List<Endpoint> endpoints(List<? extends ProbeResult> rows) {
        Map<String, Endpoint> byKey = new LinkedHashMap<>();
        for (ProbeResult r : rows) {
            if (!(r instanceof TcpResult t)) continue;
            byKey.computeIfAbsent(t.targetKey(), k -> {
                if (t.ip() == null || t.ip().isEmpty()) return new Endpoint(t.host(), null, t.port(), "no address to rescan");
                try {
                    InetAddress a = InetAddress.ofLiteral(t.ip());
                    return new Endpoint(t.host(), a, t.port());
                } catch (IllegalArgumentException e) {
                    return new Endpoint(t.host(), null, t.port(), "not an IP address: " + t.ip());
                }
            });
        }
        return new ArrayList<>(byKey.values());
    }

    /** A fixed list of targets. */
    private record ListSource<T>(List<T> items) implements TargetSource<T> {
        @Override
        public long count() {
            return items.size();
        }

        @Override
        public Iterator<T> iterator() {
            return items.iterator();
        }
    }
}
