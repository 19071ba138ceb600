package io.minikv.net.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The shipped case files parse, without a redis-server: a syntax slip fails every build, not only CI's. */
class CaseFilesTest {

    @Test
    void everyCaseFileParses() {
        final List<CaseFileParser.CaseFile> files = CaseFiles.load();
        assertThat(files).extracting(CaseFileParser.CaseFile::name)
            .contains("connection.txt", "errors.txt", "expire.txt", "keys.txt", "protocol.txt", "server.txt",
                "strings.txt", "zset.txt", "zquery.txt");
        for (final CaseFileParser.CaseFile f : files) {
            assertThat(f.lines()).as(f.name()).isNotEmpty();
            for (final CaseLine l : f.lines()) {
                if (l.skipRedis()) {
                    assertThat(l.expect()).as(l.where() + ": a mini-kv-only line needs !expect").isNotNull();
                }
            }
        }
    }
}
