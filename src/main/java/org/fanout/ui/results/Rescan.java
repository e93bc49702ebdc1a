package org.fanout.ui.results;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.fanout.engine.AnsweredPorts;
import org.fanout.engine.Scan;
import org.fanout.engine.inputs.Endpoint;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.inputs.TargetSource;
import org.fanout.engine.inputs.UrlSource;
import org.fanout.engine.job.Concurrency;
import org.fanout.engine.job.HttpJobSpec;
import org.fanout.engine.job.TcpJobSpec;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.ui.form.CompareJob;
import org.fanout.ui.form.ScanFormViewModel;

/**
 * A scan of exactly the targets of some result rows (right-click → Rescan): TCP rows are checked
 * again at the address they had (no new lookup), HTTP rows at their URL. Timeout, retries,
 * banner, method, strategy and threads come from the form.
 */
public final class Rescan {
    private Rescan() {}

    public static Scan<?, ? extends ProbeResult> of(List<? extends ProbeResult> rows, ScanFormViewModel form) {
        boolean tcp = rows.getFirst() instanceof TcpResult;
        Concurrency concurrency = Concurrency.of(form.getStrategy(), form.getThreads());
        if (tcp) {
            // rows are checked again as they were probed: no TLS or name look-up afterwards
            return new TcpJobSpec(
                            new ListSource<>(endpoints(rows)),
                            CompareJob.tcpProbe(form),
                            AnsweredPorts.none(),
                            concurrency)
                    .toScan();
        }
        Set<String> urls = new LinkedHashSet<>();
        for (ProbeResult r : rows) {
            if (r instanceof HttpResult h) urls.add(h.url());
        }
        return new HttpJobSpec(
                        UrlSource.of(List.copyOf(urls)),
                        CompareJob.httpProbe(form).with(false, false, null),
                        Resolver.system(),
                        concurrency)
                .toScan();
    }

    /** One endpoint per distinct host and port; the address is the row's IP literal (never looked up). */
    static List<Endpoint> endpoints(List<? extends ProbeResult> rows) {
        Map<String, Endpoint> byKey = new LinkedHashMap<>();
        for (ProbeResult r : rows) {
            if (!(r instanceof TcpResult t)) continue;
            byKey.computeIfAbsent(t.targetKey(), k -> {
                if (t.ip() == null || t.ip().isEmpty())
                    return new Endpoint(t.host(), null, t.port(), "no address to rescan");
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
