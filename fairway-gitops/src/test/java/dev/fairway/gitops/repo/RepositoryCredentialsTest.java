package dev.fairway.gitops.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepositoryCredentialsTest {

    static ObjectNode secret(String name, String type, Map<String, String> stringData) {
        ObjectNode secret = Json.object().put("apiVersion", "v1").put("kind", "Secret");
        ObjectNode metadata = secret.putObject("metadata").put("name", name).put("namespace", "argocd");
        if (type != null) {
            metadata.putObject("labels").put(RepositoryCredentials.SECRET_TYPE_LABEL, type);
        }
        ObjectNode data = secret.putObject("stringData");
        stringData.forEach(data::put);
        return secret;
    }

    @Test
    void aRepositorySecretMatchesItsUrlIgnoringCaseSlashAndDotGit() {
        RepositoryCredentials credentials = RepositoryCredentials.fromSecrets(List.of(secret("app", "repository",
                Map.of("url", "https://git.example.com/Org/App.git", "username", "bot", "password", "s3cret"))));

        assertThat(credentials.lookup("https://git.example.com/org/app/")).hasValueSatisfying(found -> {
            assertThat(found.username()).isEqualTo("bot");
            assertThat(found.password()).isEqualTo("s3cret");
            assertThat(found.source()).isEqualTo("argocd/app");
        });
        assertThat(credentials.lookup("https://git.example.com/org/other")).isEmpty();
    }

    @Test
    void templatesMatchByLongestUrlPrefix() {
        RepositoryCredentials credentials = RepositoryCredentials.fromSecrets(List.of(
                secret("all", "repo-creds", Map.of("url", "https://git.example.com/", "password", "broad")),
                secret("team", "repo-creds", Map.of("url", "https://git.example.com/team/", "password", "narrow"))));

        assertThat(credentials.lookup("https://git.example.com/team/app.git").map(GitCredentials::password))
                .hasValue("narrow");
        assertThat(credentials.lookup("https://git.example.com/other/app.git").map(GitCredentials::password))
                .hasValue("broad");
        assertThat(credentials.lookup("https://elsewhere.example.com/team/app.git")).isEmpty();
    }

    @Test
    void aRepositorySecretWithoutCredentialsTakesTheTemplates() {
        RepositoryCredentials credentials = RepositoryCredentials.fromSecrets(List.of(
                secret("declared", "repository", Map.of("url", "https://git.example.com/team/app.git")),
                secret("team", "repo-creds", Map.of("url", "https://git.example.com/team", "username", "u",
                        "password", "p"))));

        assertThat(credentials.lookup("https://git.example.com/team/app.git").map(GitCredentials::source))
                .hasValue("argocd/team");
    }

    @Test
    void base64DataIsDecodedAndOtherSecretsAreIgnored() {
        ObjectNode encoded = secret("ssh", "repository", Map.of());
        encoded.remove("stringData");
        ObjectNode data = encoded.putObject("data");
        data.put("url", b64("git@git.example.com:org/app.git"));
        data.put("sshPrivateKey", b64("KEY"));
        data.put("insecure", b64("true"));
        ObjectNode unlabelled = secret("other", null, Map.of("url", "git@git.example.com:org/app.git", "password", "x"));
        ObjectNode helm = secret("helm", "repository", Map.of("url", "git@git.example.com:org/app.git", "type", "helm",
                "password", "x"));

        GitCredentials found = RepositoryCredentials.fromSecrets(List.of(unlabelled, helm, encoded))
                .lookup("git@git.example.com:org/app.git").orElseThrow();

        assertThat(found.sshPrivateKey()).isEqualTo("KEY");
        assertThat(found.insecure()).isTrue();
        assertThat(found.toString()).doesNotContain("KEY");
    }

    @Test
    void dataThatIsNotBase64NamesTheSecretAndKey() {
        ObjectNode broken = secret("broken", "repository", Map.of());
        broken.putObject("data").put("url", "not base64 !!!");

        assertThatThrownBy(() -> RepositoryCredentials.fromSecrets(List.of(broken)))
                .hasMessageContaining("argocd/broken").hasMessageContaining("data.url is not base64");
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
