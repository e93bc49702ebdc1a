package org.fanout.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CellSafetyTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "=HYPERLINK(\"http://127.0.0.1/\",\"x\")",
                "+1",
                "-2",
                "@x",
                "\tcmd",
                "\rcmd",
                "=",
                "-",
                " =cmd",
                "   +1",
                "\u00a0=cmd",
                "\uFEFF=cmd",
                "\u200B@x",
                "\u061C-1",
                " \u200E \u3000=cmd",
                "\n=cmd"
            })
    void neutralisesFormulaLookingCells(String cell) {
        assertThat(CellSafety.neutralise(cell)).isEqualTo("'" + cell);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "localhost",
                "127.0.0.1",
                "::1",
                "12.5",
                "a=b",
                " 1=",
                " \u200Bx=1",
                "'=already",
                "SSH-2.0-OpenSSH"
            })
    void leavesOtherCellsAlone(String cell) {
        assertThat(CellSafety.neutralise(cell)).isEqualTo(cell);
    }

    @Test
    void nullBecomesEmpty() {
        assertThat(CellSafety.neutralise(null)).isEmpty();
        assertThat(CellSafety.escapeControls(null)).isEmpty();
        assertThat(CellSafety.cap(null, 3)).isEmpty();
    }

    @Test
    void escapesControlCharacters() {
        assertThat(CellSafety.escapeControls("a\r\nb\tc")).isEqualTo("a\\r\\nb\\tc");
        assertThat(CellSafety.escapeControls("\u001b[31mred\u001b[0m")).isEqualTo("\\x1b[31mred\\x1b[0m");
        assertThat(CellSafety.escapeControls("nul\0bel\u0007")).isEqualTo("nul\\x00bel\\x07");
        assertThat(CellSafety.escapeControls("del\u007f csi\u009b")).isEqualTo("del\\x7f csi\\x9b");
        assertThat(CellSafety.escapeControls("back\\slash")).isEqualTo("back\\\\slash");
        assertThat(CellSafety.escapeControls("evil\u202Etxt.exe\u2028")).isEqualTo("evil\\u{202E}txt.exe\\u{2028}");
    }

    @Test
    void escapesZeroWidthAndOtherInvisibleFormatCharacters() {
        assertThat(CellSafety.escapeControls("a\u200Bb\uFEFFc\u061Cd\u2060e\u00ADf"))
                .isEqualTo("a\\u{200B}b\\u{FEFF}c\\u{061C}d\\u{2060}e\\u{00AD}f");
        String tagged = "ok" + new String(Character.toChars(0xE0041)) + "!";
        assertThat(CellSafety.escapeControls(tagged)).isEqualTo("ok\\u{DB40}\\u{DC41}!");
        assertThat(CellSafety.unescapeControls(CellSafety.escapeControls(tagged)))
                .isEqualTo(tagged);
        assertThat(CellSafety.escapeControls("😀"))
                .as("other supplementary characters stay")
                .isEqualTo("😀");
    }

    @Test
    void keepsPrintableUnicode() {
        String s = "héllo wörld — 日本語 😀 \u00a0nbsp";
        assertThat(CellSafety.escapeControls(s)).isSameAs(s);
    }

    @Test
    void escapedTextHasNoControlCharacters() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x300; c++) {
            all.append(c);
        }
        String escaped = CellSafety.escapeControls(all.toString());
        assertThat(escaped.chars()).noneMatch(c -> c < 0x20 || (c >= 0x7f && c <= 0x9f));
    }

    @Test
    void unescapeUndoesEscape() {
        String[] samples = {
            "",
            "plain",
            "a\\nb",
            "\\",
            "\\x41",
            "\\u{41}",
            "\u001b[0m\r\n\t\0\u007f\u0085",
            "\u202e\u2066\u2029 日本 😀",
            "trailing\\",
            "x\\q\\\\y"
        };
        for (String s : samples) {
            assertThat(CellSafety.unescapeControls(CellSafety.escapeControls(s)))
                    .as("round trip of %s", s)
                    .isEqualTo(s);
        }
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x2100; c++) {
            all.append(c).append('\\');
        }
        assertThat(CellSafety.unescapeControls(CellSafety.escapeControls(all.toString())))
                .isEqualTo(all.toString());
    }

    @Test
    void unescapeKeepsUnknownSequences() {
        assertThat(CellSafety.unescapeControls("\\q \\x4 \\u{zz} \\u{41")).isEqualTo("\\q \\x4 \\u{zz} \\u{41");
    }

    @Test
    void capCutsWithEllipsis() {
        assertThat(CellSafety.cap("abcdef", 6)).isEqualTo("abcdef");
        assertThat(CellSafety.cap("abcdefg", 6)).isEqualTo("abcde…");
        assertThat(CellSafety.cap("abc", 1)).isEqualTo("…");
        assertThat(CellSafety.cap("😀😀😀😀", 3)).isEqualTo("😀😀…");
        assertThat(CellSafety.cap("😀😀😀", 3)).isEqualTo("😀😀😀");
        assertThatThrownBy(() -> CellSafety.cap("x", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
