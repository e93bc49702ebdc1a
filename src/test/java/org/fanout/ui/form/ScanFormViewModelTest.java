package org.fanout.ui.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import java.util.prefs.Preferences;
import org.fanout.engine.strategy.Strategy;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.main.GuiOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The form's view-model without a window: remembering inputs, options, the log-scale slider. */
@Timeout(10)
class ScanFormViewModelTest {
    private final Preferences prefs = Preferences.userRoot().node("/org/fanout/ui-test/" + UUID.randomUUID());

    @AfterEach
    void forget() throws Exception {
        prefs.removeNode();
    }

    @Test
    void remembersTheLastInputsInTheGivenNode() {
        ScanFormViewModel a = new ScanFormViewModel();
        a.setMode(ScanMode.HTTP);
        a.setHosts("127.0.0.1-5");
        a.setPorts("ssh,telnet");
        a.setUrls("http://127.0.0.1:9/");
        a.setPattern("http://127.0.0.1:9/{a-b}");
        a.setThreads(321);
        a.setStrategy(Strategy.VIRTUAL);
        a.setTimeout("750ms");
        a.setRetries(2);
        a.setBanner(false);
        a.save(prefs);

        ScanFormViewModel b = new ScanFormViewModel();
        b.load(prefs);
        assertThat(b.getMode()).isEqualTo(ScanMode.HTTP);
        assertThat(b.getHosts()).isEqualTo("127.0.0.1-5");
        assertThat(b.getPorts()).isEqualTo("ssh,telnet");
        assertThat(b.getUrls()).isEqualTo("http://127.0.0.1:9/");
        assertThat(b.getPattern()).isEqualTo("http://127.0.0.1:9/{a-b}");
        assertThat(b.getThreads()).isEqualTo(321);
        assertThat(b.getStrategy()).isEqualTo(Strategy.VIRTUAL);
        assertThat(b.getTimeout()).isEqualTo("750ms");
        assertThat(b.getRetries()).isEqualTo(2);
        assertThat(b.isBanner()).isFalse();
        assertThat(b.isValid()).isTrue();
    }

    @Test
    void guiOptionsOverrideOnlyWhatTheyGive() {
        ScanFormViewModel f = new ScanFormViewModel();
        f.apply(new GuiOptions("tcp", "localhost", "22", null, null, 50, "nio", "2s", 1, false, true));
        assertThat(f.getHosts()).isEqualTo("localhost");
        assertThat(f.getPorts()).isEqualTo("22");
        assertThat(f.getUrls()).isEqualTo(ScanFormViewModel.DEFAULT_URLS);
        assertThat(f.getThreads()).isEqualTo(50);
        assertThat(f.getStrategy()).isEqualTo(Strategy.NIO);
        assertThat(f.getSummary()).isEqualTo("1 host × 1 port = 1 target");
        assertThatThrownBy(() ->
                        f.apply(new GuiOptions("udp", null, null, null, null, null, null, null, null, null, false)))
                .hasMessageContaining("udp");
    }

    @Test
    void sliderAndThreadCountFollowEachOtherOnALogScale() {
        ScanFormViewModel f = new ScanFormViewModel();
        f.setThreadsScale(0);
        assertThat(f.getThreads()).isEqualTo(1);
        f.setThreadsScale(4);
        assertThat(f.getThreads()).isEqualTo(10_000);
        f.setThreadsScale(2);
        assertThat(f.getThreads()).isEqualTo(100);
        f.setThreads(1000);
        assertThat(f.getThreadsScale()).isEqualTo(3.0);
        f.setThreads(50_000); // beyond the slider: the slider stays at its end
        assertThat(f.getThreadsScale()).isEqualTo(4.0);
        assertThat(f.getThreads()).isEqualTo(50_000);
    }

    @Test
    void tcpAndHttpKeepTheirOwnTimeoutLikeTheCli() {
        ScanFormViewModel a = new ScanFormViewModel();
        assertThat(a.getMode()).isEqualTo(ScanMode.TCP);
        assertThat(a.getTimeout()).isEqualTo("1s");
        a.setMode(ScanMode.HTTP);
        assertThat(a.getTimeout()).isEqualTo("5s");
        a.setTimeout("7s");
        a.setMode(ScanMode.TCP);
        assertThat(a.getTimeout()).isEqualTo("1s");
        a.setTimeout("250ms");
        a.setMode(ScanMode.HTTP);
        assertThat(a.getTimeout()).isEqualTo("7s");
        a.save(prefs);

        ScanFormViewModel b = new ScanFormViewModel();
        b.load(prefs);
        assertThat(b.getMode()).isEqualTo(ScanMode.HTTP);
        assertThat(b.getTimeout()).isEqualTo("7s");
        b.setMode(ScanMode.TCP);
        assertThat(b.getTimeout()).isEqualTo("250ms");
        assertThat(prefs.get("timeout", null)).isNull();
    }

    @Test
    void anOldSingleTimeoutIsTakenAsTcps() {
        prefs.put("mode", "TCP");
        prefs.put("timeout", "2s");
        ScanFormViewModel a = new ScanFormViewModel();
        a.load(prefs);
        assertThat(a.getTimeout()).isEqualTo("2s");
        a.setMode(ScanMode.HTTP);
        assertThat(a.getTimeout()).isEqualTo("5s");
    }

    @Test
    void aGivenTimeoutGoesToTheModeTheOptionsChoose() {
        ScanFormViewModel a = new ScanFormViewModel();
        a.apply(new GuiOptions(
                null, null, null, null, "http://127.0.0.1:9/{a-b}", null, null, "3s", null, null, false));
        assertThat(a.getMode()).isEqualTo(ScanMode.HTTP);
        assertThat(a.getTimeout()).isEqualTo("3s");
        a.setMode(ScanMode.TCP);
        assertThat(a.getTimeout()).isEqualTo("1s");
    }
}
