package dev.fairway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RenderCommandTest {

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run fairway(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            return new Run(Main.run(args), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void printsEachObjectWithItsSourceAndTheDestinationNamespace() throws Exception {
        Files.writeString(dir.resolve("app.yaml"), """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: one}
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: idp}
                """);
        Run r = fairway("render", dir.toString(), "--namespace", "idp");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("# Source: app.yaml:1").contains("# Source: app.yaml:5");
        assertThat(r.out()).containsPattern("name: one\\s+namespace: idp");
        assertThat(r.out().split("---")[1]).doesNotContain("namespace: idp\n  name");
    }

    @Test
    void aMalformedFileIsReportedWithItsLine() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n   broken: [\n");
        Run r = fairway("render", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("bad.yaml:");
        assertThat(fairway("render", dir.resolve("nope").toString()).code()).isEqualTo(2);
    }
}
