package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.fanout.engine.inputs.Errors.assertSyntaxError;

import org.junit.jupiter.api.Test;

class PortSpecTest {
    @Test
    void singlePortsListsAndRanges() {
        assertThat(PortSpec.parse("22").toArray()).containsExactly(22);
        assertThat(PortSpec.parse("80,22,443").toArray()).containsExactly(22, 80, 443);
        assertThat(PortSpec.parse("8000-8003").toArray()).containsExactly(8000, 8001, 8002, 8003);
        assertThat(PortSpec.parse("1-1").toArray()).containsExactly(1);
        assertThat(PortSpec.parse("65535").toArray()).containsExactly(65535);
    }

    @Test
    void whitespaceAroundItemsIsTolerated() {
        assertThat(PortSpec.parse("  22 ,\t80 , 8000 - 8001 ").toArray()).containsExactly(22, 80, 8000, 8001);
    }

    @Test
    void openEndedRanges() {
        PortSpec low = PortSpec.parse("-1024");
        assertThat(low.count()).isEqualTo(1024);
        assertThat(low.contains(1)).isTrue();
        assertThat(low.contains(1025)).isFalse();
        PortSpec high = PortSpec.parse("60000-");
        assertThat(high.count()).isEqualTo(5536);
        assertThat(high.contains(65535)).isTrue();
        assertThat(high.contains(59999)).isFalse();
    }

    @Test
    void namesTop100AndAll() {
        assertThat(PortSpec.parse("ssh,telnet,HTTP").toArray()).containsExactly(22, 23, 80);
        assertThat(PortSpec.parse("top100").toArray()).containsExactly(Services.top100());
        PortSpec all = PortSpec.parse("ALL");
        assertThat(all.count()).isEqualTo(65535);
        assertThat(all.contains(0)).isFalse();
        assertThat(all.contains(1)).isTrue();
        assertThat(all.contains(65535)).isTrue();
        assertThat(all.toString()).isEqualTo("1-65535");
    }

    @Test
    void overlappingItemsCountOnce() {
        PortSpec spec = PortSpec.parse("20-25,22,ssh,top100");
        assertThat(spec.contains(22)).isTrue();
        assertThat(spec.count()).isEqualTo(100 + 2); // 20 and 24 are new; 21-23 and 25 are in top100
    }

    @Test
    void toStringIsCompactAndParsesBack() {
        PortSpec spec = PortSpec.parse("80,22,23,24,443,444");
        assertThat(spec).hasToString("22-24,80,443-444");
        assertThat(PortSpec.parse(spec.toString())).isEqualTo(spec);
        assertThat(PortSpec.parse("top100"))
                .isEqualTo(PortSpec.parse(PortSpec.parse("top100").toString()));
    }

    @Test
    void ofAndMinus() {
        PortSpec spec = PortSpec.of(22, 80, 443, 22);
        assertThat(spec.count()).isEqualTo(3);
        PortSpec rest = PortSpec.parse("1-1024").minus(PortSpec.of(22, 80));
        assertThat(rest.count()).isEqualTo(1022);
        assertThat(rest.contains(22)).isFalse();
        assertThat(rest.contains(23)).isTrue();
        PortSpec none = spec.minus(PortSpec.parse("all"));
        assertThat(none.isEmpty()).isTrue();
        assertThat(none.count()).isZero();
        assertThat(none.toArray()).isEmpty();
        assertThat(none).hasToString("");
        assertThat(spec.count()).as("minus leaves the original unchanged").isEqualTo(3);
    }

    @Test
    void ofRejectsPortsOutsideTheRange() {
        Errors.syntaxError(() -> PortSpec.of(0));
        Errors.syntaxError(() -> PortSpec.of(65536));
    }

    @Test
    void equalityFollowsContent() {
        assertThat(PortSpec.parse("22-23")).isEqualTo(PortSpec.of(23, 22));
        assertThat(PortSpec.parse("22-23").hashCode())
                .isEqualTo(PortSpec.of(23, 22).hashCode());
        assertThat(PortSpec.parse("22")).isNotEqualTo(PortSpec.parse("23"));
    }

    @Test
    void errors() {
        assertSyntaxError(() -> PortSpec.parse(""), 0, "no ports");
        assertSyntaxError(() -> PortSpec.parse("   "), 0, "no ports");
        assertSyntaxError(() -> PortSpec.parse("22,,80"), 3, "empty item");
        assertSyntaxError(() -> PortSpec.parse("22, ,80"), 4, "empty item");
        assertSyntaxError(() -> PortSpec.parse(",22"), 0, "empty item");
        assertSyntaxError(() -> PortSpec.parse("22,"), 3, "empty item");
        assertSyntaxError(() -> PortSpec.parse("22,70000"), 3, "port 70000 is outside 1-65535");
        assertSyntaxError(() -> PortSpec.parse("0"), 0, "port 0 is outside 1-65535");
        assertSyntaxError(() -> PortSpec.parse("99999999999999999999"), 0, "outside 1-65535");
        assertSyntaxError(() -> PortSpec.parse("80, 2x"), 4, "'2x'", "not a port number");
        assertSyntaxError(() -> PortSpec.parse("100-20"), 0, "reversed", "'100-20'");
        assertSyntaxError(() -> PortSpec.parse("1-70000"), 2, "70000", "outside");
        assertSyntaxError(() -> PortSpec.parse("22,nosuch"), 3, "unknown service name 'nosuch'");
        assertSyntaxError(() -> PortSpec.parse("-"), 0, "no bounds");
        assertSyntaxError(() -> PortSpec.parse("1-2-3"), 2, "'2-3'");
        assertSyntaxError(() -> PortSpec.parse("+22"), 0, "'+22'");
    }
}
