package org.fanout.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.fanout.lab.BannerMix;
import org.fanout.lab.FullBacklogListener;
import org.fanout.lab.TcpLab;

/**
 * Opens the app against a loopback lab for the README screenshot: 24 listeners (banners and
 * silent ones), 40 ports freed a moment ago (closed) and one full-backlog port (filtered), all
 * on 127.0.0.1, prefilled and started. Run under Xvfb; see docs.
 */
public final class ScreenshotDemo {
    private ScreenshotDemo() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty(FanoutApp.PREFS_PROPERTY, "/org/fanout/ui-demo");
        List<Integer> freed = TcpLab.freeEphemeralPorts(40);
        try (TcpLab lab = TcpLab.start(24, BannerMix.MIXED);
             FullBacklogListener filtered = TcpLab.fullBacklogListener()) {
            List<Integer> ports = new ArrayList<>(lab.ports());
            ports.addAll(freed);
            ports.add(filtered.port());
            String list = ports.stream().sorted().map(String::valueOf).collect(Collectors.joining(","));
            FanoutApp.open(new GuiOptions("tcp", "127.0.0.1", list, null, null, 16, "pool", "1s", 0, true, true));
        }
    }
}
