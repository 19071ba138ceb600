package io.minikv.net.diff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class CaseFileParserTest {

    private static CaseLine line(final String text) {
        return CaseFileParser.parseLine("t.txt", 1, text, "");
    }

    private static List<String> args(final CaseLine l) {
        return l.args().stream().map(a -> new String(a, StandardCharsets.ISO_8859_1)).toList();
    }

    @Test
    void splitsOnSpacesAndQuotes() {
        assertThat(args(line("SET k \"a b\" EX 10"))).containsExactly("SET", "k", "a b", "EX", "10");
        assertThat(args(line("SET 'x y' \"\""))).containsExactly("SET", "x y", "");
        assertThat(args(line("SET k\"1 2\"z v"))).containsExactly("SET", "k1 2z", "v");
    }

    @Test
    void decodesEscapesToBytes() {
        final CaseLine l = line("SET k \"\\x00\\xff\\r\\n\\t\\\"\\\\\"");
        assertThat(l.args().get(2)).containsExactly(0, 0xff, '\r', '\n', '\t', '"', '\\');
        assertThat(line("ECHO caf\u00e9").args().get(1)).containsExactly('c', 'a', 'f', 0xc3, 0xa9);
    }

    @Test
    void readsMarkersAndComments() {
        final CaseLine l = line("KEYS * !unordered # any order");
        assertThat(args(l)).containsExactly("KEYS", "*");
        assertThat(l.rule()).isEqualTo(CompareRule.UNORDERED);
        assertThat(line("TTL k !ttl").rule()).isEqualTo(CompareRule.TTL);
        assertThat(line("PTTL k !pttl").rule()).isEqualTo(CompareRule.PTTL);
        assertThat(line("X !approx=7").rule().tolerance()).isEqualTo(7);
        assertThat(args(line("ECHO \"!x\" \"#y\""))).containsExactly("ECHO", "!x", "#y");
        final CaseLine ignored = line("OBJECT FREQ k !ignore # known difference: no LFU");
        assertThat(ignored.rule()).isEqualTo(CompareRule.IGNORE);
        assertThat(ignored.reason()).isEqualTo("known difference: no LFU");
    }

    @Test
    void rawLinesConcatenateTheirTokens() {
        final CaseLine l = line("!raw \"*1\\r\\n\" \"$4\\r\\nPING\\r\\n\" !replies=2 !closes");
        assertThat(new String(l.raw(), StandardCharsets.ISO_8859_1)).isEqualTo("*1\r\n$4\r\nPING\r\n");
        assertThat(l.args()).isEmpty();
        assertThat(l.replies()).isEqualTo(2);
        assertThat(l.closes()).isTrue();
    }

    @Test
    void expectAndSkipRedis() {
        final CaseLine l = line("ZQUERY k 1 a 0 2 !skip-redis !expect=\"*0\\r\\n\"");
        assertThat(l.skipRedis()).isTrue();
        assertThat(new String(l.expect(), StandardCharsets.ISO_8859_1)).isEqualTo("*0\r\n");
    }

    @Test
    void rejectsMistakes() {
        assertThatThrownBy(() -> line("GET k !nosuchmarker")).hasMessageContaining("unknown marker");
        assertThatThrownBy(() -> line("GET \"k")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> line("GET \"\\q\"")).hasMessageContaining("unknown escape");
        assertThatThrownBy(() -> line("GET k !ignore")).hasMessageContaining("needs a comment");
        assertThatThrownBy(() -> line("GET k !replies=2")).hasMessageContaining("!raw");
    }

    @Test
    void parsesAFileWithDirectivesAndCommentReasons() {
        final CaseFileParser.CaseFile f = CaseFileParser.parse("z.txt", String.join("\n",
            "#! requires ZADD zrange",
            "# sorted sets",
            "",
            "ZADD z 1 a",
            "# known difference: encoding names",
            "OBJECT ENCODING z !ignore",
            ""));
        assertThat(f.requires()).containsExactlyInAnyOrder("zadd", "zrange");
        assertThat(f.lines()).hasSize(2);
        assertThat(f.lines().get(0).lineNo()).isEqualTo(4);
        assertThat(f.lines().get(1).reason()).isEqualTo("known difference: encoding names");
        assertThatThrownBy(() -> CaseFileParser.parse("bad.txt", "GET k\nGET \"x"))
            .hasMessageStartingWith("bad.txt:2: ");
    }
}
