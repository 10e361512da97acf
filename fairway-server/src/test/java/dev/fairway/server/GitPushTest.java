package dev.fairway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fairway.kube.Json;
import org.junit.jupiter.api.Test;

class GitPushTest {

    @Test
    void theSameRepositoryWrittenDifferentlyIsTheSame() {
        String want = "github.com/fairway-dev/fairway";
        assertThat(GitPush.normalise("https://github.com/fairway-dev/fairway.git")).isEqualTo(want);
        assertThat(GitPush.normalise("git@github.com:fairway-dev/fairway.git")).isEqualTo(want);
        assertThat(GitPush.normalise("ssh://git@GitHub.com/fairway-dev/fairway")).isEqualTo(want);
        assertThat(GitPush.normalise("https://user@github.com:443/fairway-dev/fairway/")).isEqualTo(want);
    }

    @Test
    void aGitHubBranchPushAffectsAppsOnThatBranchAndOnHead() throws Exception {
        GitPush push = GitPush.parse("push", Json.parse("""
                {"ref":"refs/heads/main","repository":{"clone_url":"https://github.com/fairway-dev/fairway.git",
                 "html_url":"https://github.com/fairway-dev/fairway","ssh_url":"git@github.com:fairway-dev/fairway.git","default_branch":"main"}}
                """));
        assertThat(push.affects("https://github.com/fairway-dev/fairway.git", "main")).isTrue();
        assertThat(push.affects("git@github.com:fairway-dev/fairway.git", "HEAD")).isTrue();
        assertThat(push.affects("https://github.com/fairway-dev/fairway.git", "")).isTrue();
        assertThat(push.affects("https://github.com/fairway-dev/fairway.git", "release")).isFalse();
        assertThat(push.affects("https://github.com/fairway-dev/other.git", "main")).isFalse();
    }

    @Test
    void aPushToAnotherBranchDoesNotMoveHeadAndTagsMatchByName() throws Exception {
        GitPush feature = GitPush.parse("push", Json.parse("""
                {"ref":"refs/heads/feature","repository":{"clone_url":"https://github.com/o/r.git","default_branch":"main"}}"""));
        assertThat(feature.affects("https://github.com/o/r.git", "HEAD")).isFalse();
        GitPush tag = GitPush.parse(null, Json.parse("""
                {"ref":"refs/tags/v1.2.0","project":{"git_http_url":"https://gitlab.com/o/r.git","git_ssh_url":"git@gitlab.com:o/r.git"}}"""));
        assertThat(tag.affects("git@gitlab.com:o/r.git", "v1.2.0")).isTrue();
        assertThat(tag.affects("https://gitlab.com/o/r.git", "HEAD")).isFalse();
    }

    @Test
    void bitbucketPushesAndUnknownPayloads() throws Exception {
        GitPush bb = GitPush.parse(null, Json.parse("""
                {"push":{"changes":[{"new":{"type":"branch","name":"main"}}]},
                 "repository":{"full_name":"team/repo","links":{"html":{"href":"https://bitbucket.org/team/repo"}}}}"""));
        assertThat(bb.affects("https://bitbucket.org/team/repo.git", "main")).isTrue();
        assertThat(GitPush.parse(null, Json.parse("{\"hello\":\"world\"}"))).isNull();
    }
}
