package io.minikv.engine.keyspace;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobMatcherTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "h?llo|hello|true", "h?llo|hallo|true", "h?llo|hllo|false",
        "h*llo|hllo|true", "h*llo|heeeello|true", "h*llo|hello world|false",
        "h[ae]llo|hello|true", "h[ae]llo|hallo|true", "h[ae]llo|hillo|false",
        "h[^e]llo|hallo|true", "h[^e]llo|hello|false",
        "h[a-b]llo|hallo|true", "h[a-b]llo|hbllo|true", "h[a-b]llo|hcllo|false",
        "h[b-a]llo|hallo|true",
        "*|anything|true", "*|''|false", "**|''|false", "**|x|true", "a*|a|true", "*a|a|true", "*a*|xxaxx|true", "*a*|xxxx|false",
        "?|''|false", "''|''|true", "''|a|false",
        "\\*|*|true", "\\*|a|false", "a\\|a\\|true", "\\?x|?x|true",
        "[\\]]|]|true", "[abc|a|true", "[abc|b|true", "[abc|d|false", "[^|a|true",
        "[a-|a|true", "[a-|-|true", "[]a]|a|false",
        "foo*bar*baz|foo1bar2baz|true", "foo*bar*baz|foo1bar2ba|false",
        "*a*a*a*a*a*a*a*a*a*a*b|aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|false",
        "user:*:name|user:42:name|true", "user:?|user:ab|false",
    })
    void shouldMatchAsRedis(final String pattern, final String string, final boolean expected) {
        assertThat(GlobMatcher.matches(bytes(pattern), bytes(string))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "nocase {0} ~ {1} = {2}")
    @CsvSource(delimiter = '|', value = {
        "MAXMEMORY*|maxmemory-policy|true", "max[L-N]emory|maxmemory|true", "Max\\Memory|maxmemory|true",
        "[^M]axmemory|maxmemory|false", "get|GET|true", "get|set|false",
    })
    void shouldMatchIgnoringCase(final String pattern, final String string, final boolean expected) {
        assertThat(GlobMatcher.matches(bytes(pattern), bytes(string), true)).isEqualTo(expected);
        assertThat(GlobMatcher.matches(bytes(string), bytes(string), true)).isTrue();
    }

    @ParameterizedTest(name = "wildcards {0} = {1}")
    @CsvSource(delimiter = '|', value = {"maxmemory|false", "max*|true", "m?x|true", "[ab]|true", "a\\b|true"})
    void shouldDetectWildcards(final String pattern, final boolean expected) {
        assertThat(GlobMatcher.hasWildcards(bytes(pattern))).isEqualTo(expected);
    }

    private static byte[] bytes(final String s) {
        return ("''".equals(s) ? "" : s).getBytes(ISO_8859_1);
    }
}
