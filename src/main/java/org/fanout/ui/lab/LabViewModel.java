package org.fanout.ui.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import org.fanout.lab.Lab;
import org.fanout.lab.LabOptions;
import org.fanout.lab.StatusMix;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.form.ScanFormViewModel;

/**
 * The "Lab" toggle: practice targets on 127.0.0.1 started in this process ({@link Lab}), and
 * filling the scan form with them. {@value #TCP_LISTENERS} TCP listeners (some announcing a
 * banner) plus one port whose connects time out, and an HTTP server on a free port answering
 * any path after {@value #LATENCY_MS} ms with the lab's default status mix. Lives on the FX
 * thread; starting and stopping take a few milliseconds (sockets on loopback).
 */
public final class LabViewModel {
    public static final int TCP_LISTENERS = 8;
    public static final int LATENCY_MS = 50;
    /** The HTTP pattern the form gets, after the lab's base URL: 676 paths. */
    public static final String HTTP_PATTERN_PATH = "/{a-z}{a-z}";

    // ---- Properties ----
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running", false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ReadOnlyStringWrapper details = new ReadOnlyStringWrapper(this, "details", "");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper(this, "problem", "");
    private final BooleanProperty ipv6 = new SimpleBooleanProperty(this, "ipv6", false);
    private final BooleanProperty both = new SimpleBooleanProperty(this, "both", false);
    private final IntegerProperty firstTcpPort = new SimpleIntegerProperty(this, "firstTcpPort", 0);
    private Lab lab;

    /** Whether the next start binds ::1 instead of 127.0.0.1. */
    public BooleanProperty ipv6Property() {
        return ipv6;
    }

    /** The first TCP listener's port for the next start; 0 = any free ports. */
    public IntegerProperty firstTcpPortProperty() {
        return firstTcpPort;
    }

    /** Whether the next start listens on 127.0.0.1 and also on ::1 at the same ports. */
    public BooleanProperty bothProperty() {
        return both;
    }

    /**
     * Sets the first TCP port from what the user typed: empty or 0 for any free ports, else
     * 1..{@code 65536 - TCP_LISTENERS}. Returns the problem, or empty when it was taken.
     */
    public String setFirstTcpPort(String text) {
        String t = text == null ? "" : text.strip();
        int port;
        try {
            port = t.isEmpty() ? 0 : Integer.parseInt(t);
        } catch (NumberFormatException e) {
            port = -1;
        }
        int last = 65536 - TCP_LISTENERS;
        if (port < 0 || port > last) return "The first TCP port must be 1-" + last + ", or empty for any free ports";
        firstTcpPort.set(port);
        return "";
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public boolean isRunning() {
        return running.get();
    }

    /** One short line: "Lab · 8 TCP + 1 filtered · http://127.0.0.1:port" (the ports are in {@link #detailsProperty()}). */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public String getSummary() {
        return summary.get();
    }

    /** Several lines: the TCP ports, every port with its kind, the HTTP server's behaviour, example commands. */
    public ReadOnlyStringProperty detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public String getDetails() {
        return details.get();
    }

    /** Why the lab could not start, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public String getProblem() {
        return problem.get();
    }

    /** The options the toggle starts a lab with: the defaults on this view-model's address and ports. */
    public LabOptions currentOptions() {
        boolean v6 = ipv6.get() && !both.get();
        return options()
                .withAddress(v6 ? IPV6_LOOPBACK : InetAddress.getLoopbackAddress())
                .withFirstTcpPort(firstTcpPort.get())
                .withAlsoIpv6(both.get() && !v6);
    }

    private static final InetAddress IPV6_LOOPBACK = ipv6Loopback();

    private static InetAddress ipv6Loopback() {
        try {
            return InetAddress.getByAddress(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The default options: 127.0.0.1, any free ports. */
    public static LabOptions options() {
        return LabOptions.defaults()
                .withTcpCount(TCP_LISTENERS)
                .withHttpPort(0)
                .withLatency(Duration.ofMillis(LATENCY_MS), Duration.ZERO)
                .withStatusMix(StatusMix.parse(LabOptions.DEFAULT_STATUS_MIX))
                .withFiltered(true);
    }

    /** The TCP listener ports (empty while stopped). */
    public List<Integer> tcpPorts() {
        return lab == null ? List.of() : lab.tcp().ports();
    }

    /** The port whose connects time out, or -1. */
    public int filteredPort() {
        return lab == null ? -1 : lab.filteredPort();
    }

    /** The HTTP server's base URL ("http://127.0.0.1:port"), or null while stopped. */
    public String baseUrl() {
        return lab == null ? null : lab.http().baseUrl();
    }

    // ---- Commands ----

    /** Starts the lab (if not running); returns whether it runs. */
    public boolean start() {
        if (lab != null) return true;
        try {
            lab = Lab.start(currentOptions());
        } catch (IOException | RuntimeException e) {
            problem.set("Lab could not start: " + e.getMessage());
            return false;
        }
        problem.set("");
        summary.set("Lab · " + lab.tcp().ports().size() + " TCP" + (lab.filteredPort() > 0 ? " + 1 filtered" : "")
                + " · " + lab.http().baseUrl());
        String ports = lab.tcp().ports().stream().map(String::valueOf).collect(Collectors.joining(","));
        // a short sentence, not the CLI's description: it is a tooltip in the toolbar
        details.set("TCP listeners on " + host() + (lab.tcpIpv6() != null ? " and ::1" : "") + " ports " + ports
                + (lab.filteredPort() > 0 ? " (and " + lab.filteredPort() + ", whose connects time out)" : "")
                + "; HTTP on " + lab.http().baseUrl() + ", any path answering after " + LATENCY_MS + " ms.");
        running.set(true);
        return true;
    }

    /** The address the running lab listens on, as the form's hosts field takes it (127.0.0.1 or ::1). */
    public String host() {
        return lab != null && lab.options().address().equals(IPV6_LOOPBACK) ? "::1" : "127.0.0.1";
    }

    /** Stops the lab, freeing its ports (nothing happens if it is not running). */
    public void stop() {
        Lab l = lab;
        lab = null;
        if (l != null) l.close();
        running.set(false);
        summary.set("");
        details.set("");
    }

    /** Sets the lab on or off. */
    public void setOn(boolean on) {
        if (on) start();
        else stop();
    }

    /** Fills the form for a TCP scan of the lab: its address, its ports (the filtered one too), banners on. */
    public void fillTcp(ScanFormViewModel form) {
        if (lab == null) return;
        List<Integer> ports = new ArrayList<>(lab.tcp().ports());
        if (lab.filteredPort() > 0) ports.add(lab.filteredPort());
        form.setMode(ScanMode.TCP);
        form.setHosts(host());
        form.setPorts(ports.stream().map(String::valueOf).collect(Collectors.joining(",")));
        form.setBanner(true);
    }

    /** Fills the form for an HTTP check of the lab: the pattern {@value #HTTP_PATTERN_PATH} on its base URL, and no URL list. */
    public void fillHttp(ScanFormViewModel form) {
        if (lab == null) return;
        form.setMode(ScanMode.HTTP);
        form.fillPattern(lab.http().baseUrl() + HTTP_PATTERN_PATH);
    }
}
