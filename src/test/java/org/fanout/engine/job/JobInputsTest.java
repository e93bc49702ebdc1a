package org.fanout.engine.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.fanout.engine.AutoSettings;
import org.fanout.engine.ScanSettings;
import org.fanout.engine.inputs.Durations;
import org.fanout.engine.inputs.HostSpec;
import org.fanout.engine.inputs.PortSpec;
import org.fanout.engine.inputs.Resolver;
import org.fanout.engine.probe.HttpProbeConfig;
import org.fanout.engine.probe.TcpProbeConfig;
import org.fanout.engine.strategy.Strategy;
import org.junit.jupiter.api.Test;

/** The one check of each job input, and the one set of defaults. */
class JobInputsTest {

    @Test
    void threadListsTakeCommasSpacesAndThousands() {
        assertThat(JobInputs.threadCounts("1k, 2000")).containsExactly(1000, 2000);
        assertThat(JobInputs.threadCounts("1000, 1,10 100;10")).containsExactly(1, 10, 100, 1000);
        assertThat(JobInputs.threadCounts(" 2_000 ;1K ,")).containsExactly(1000, 2000);
        assertThat(JobInputs.threadCounts(JobDefaults.COMPARE_THREADS)).containsExactly(1, 10, 100, 1000);
        assertThatThrownBy(() -> JobInputs.threadCounts("1,,10")).hasMessage("item 2 is empty: not a thread count");
        assertThatThrownBy(() -> JobInputs.threadCounts("0,abc")).hasMessage("0 is out of range 1-100,000 (item 1)");
        assertThatThrownBy(() -> JobInputs.threadCounts("2k,abc")).hasMessage("'abc' is not a whole number (item 2)");
        assertThatThrownBy(() -> JobInputs.threadCounts(" , ")).hasMessageStartingWith("enter at least one");
    }

    @Test
    void eachInputIsCheckedInOnePlace() {
        assertThat(JobInputs.method(" get ")).isEqualTo("GET");
        assertThatThrownBy(() -> JobInputs.method("POST")).hasMessage("must be HEAD or GET, got 'POST'");
        assertThat(JobInputs.threads(" 100000 ")).isEqualTo(100_000);
        assertThatThrownBy(() -> JobInputs.threads("abc")).hasMessage("must be a whole number 1-100,000, got 'abc'");
        assertThatThrownBy(() -> JobInputs.threads("0")).hasMessage("must be a whole number 1-100,000, got '0'");
        assertThatThrownBy(() -> JobInputs.threads("99999999"))
                .hasMessage("must be a whole number 1-100,000, got '99999999'");
        assertThat(JobInputs.wholeNumber(" 1440 ", 1, 1440)).isEqualTo(1440);
        assertThatThrownBy(() -> JobInputs.wholeNumber("1441", 1, 1440))
                .hasMessage("must be a whole number 1-1,440, got '1441'");
        assertThat(JobInputs.retries(10)).isEqualTo(10);
        assertThatThrownBy(() -> JobInputs.retries(11)).hasMessage("must be 0-10, got 11");
        assertThatThrownBy(() -> JobInputs.maxRedirects(51)).hasMessage("must be 0-50, got 51");
        assertThatThrownBy(() -> JobInputs.workers(0)).hasMessage("must be 1-256, got 0");
        assertThatThrownBy(() -> JobInputs.positive(Duration.ZERO)).hasMessage("must be positive");
        assertThatThrownBy(() ->
                        JobInputs.tcpTargets(HostSpec.parse("127.0.0.0/8"), PortSpec.parse("all"), Resolver.system()))
                .hasMessageStartingWith("too many targets");
        assertThatThrownBy(() -> JobInputs.tcpTargets(
                        HostSpec.parse("127.0.0.1"),
                        PortSpec.parse("22").minus(PortSpec.parse("22")),
                        Resolver.system()))
                .hasMessage("no port left to scan");
        assertThat(JobInputs.tcpTargets(HostSpec.parse("127.0.0.1-2"), PortSpec.parse("22,80"), Resolver.system())
                        .count())
                .isEqualTo(4);
    }

    @Test
    void theProbesOwnDefaultsAreTheJobDefaults() {
        assertThat(TcpProbeConfig.defaults())
                .isEqualTo(new TcpProbeConfig(
                        Durations.parse(JobDefaults.TCP_TIMEOUT),
                        JobDefaults.retries(),
                        false,
                        JobDefaults.bannerTimeout()));
        assertThat(HttpProbeConfig.defaults())
                .isEqualTo(new HttpProbeConfig(
                        JobDefaults.METHOD,
                        Durations.parse(JobDefaults.HTTP_TIMEOUT),
                        true,
                        JobDefaults.maxRedirects(),
                        JobDefaults.retries()));
    }

    @Test
    void autoConcurrencyIsResolvedPerKindOfJob() {
        assertThat(Concurrency.auto().settings(true).strategy()).isEqualTo(AutoSettings.strategy(true));
        assertThat(Concurrency.auto().settings(false).threads())
                .isEqualTo(AutoSettings.threads(AutoSettings.strategy(false), false));
        ScanSettings chosen = new Concurrency(Strategy.PROCESS, 40, 4, 0).settings(true);
        assertThat(chosen).isEqualTo(new ScanSettings(Strategy.PROCESS, 40, 4));
        assertThatThrownBy(() -> new Concurrency(null, 0, 257, 0)).hasMessage("must be 1-256, got 257");
    }

    @Test
    void aModeIsImpliedByWhatIsGiven() {
        assertThat(JobKind.implied(true, false)).isEqualTo(JobKind.HTTP);
        assertThat(JobKind.implied(true, true)).isEqualTo(JobKind.HTTP);
        assertThat(JobKind.implied(false, true)).isEqualTo(JobKind.TCP);
        assertThat(JobKind.implied(false, false)).isNull();
    }
}
