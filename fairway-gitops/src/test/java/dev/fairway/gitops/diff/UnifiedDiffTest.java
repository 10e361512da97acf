package dev.fairway.gitops.diff;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertThat(UnifiedDiff.between("a\nb\n", "a\nb\n", "x", "y")).isEmpty();
    }

    @Test
    void printsHunksWithContext() {
        String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
        String after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
        assertThat(UnifiedDiff.between(before, after, "live", "desired")).isEqualTo("""
                --- live
                +++ desired
                @@ -2,7 +2,7 @@
                 2
                 3
                 4
                -5
                +five
                 6
                 7
                 8
                """);
    }

    @Test
    void allNewTextIsOneAddedHunk() {
        assertThat(UnifiedDiff.between("", "a\nb\n", "live", "desired")).isEqualTo("--- live\n+++ desired\n@@ -0,0 +1,2 @@\n+a\n+b\n");
    }
}
