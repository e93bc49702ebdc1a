package org.fanout.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.fanout.lab.BannerMix;
import org.fanout.lab.TcpLab;

/**
 * What the GUI tests scan: three listeners of the test's own on 127.0.0.1 and two ports it bound
 * and freed again (so closed), as the form's port list.
 */
public final class LoopbackListeners implements AutoCloseable {
    private final TcpLab lab;
    private final String portList;

    private LoopbackListeners(TcpLab lab, String portList) {
        this.lab = lab;
        this.portList = portList;
    }

    public static LoopbackListeners start(BannerMix banners) throws Exception {
        TcpLab lab = TcpLab.start(3, banners);
        // chosen while the lab holds its ports: freed before it started, one could become a lab port
        List<Integer> closed = TcpLab.freeEphemeralPorts(2);
        List<Integer> ports = new ArrayList<>(lab.ports());
        ports.addAll(closed);
        return new LoopbackListeners(lab, ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
    }

    /** The open ones. */
    public TcpLab lab() {
        return lab;
    }

    /** All five, comma-separated, open ones first. */
    public String portList() {
        return portList;
    }

    @Override
    public void close() {
        lab.close();
    }
}
