package dev.fairway.kube.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestReaderTest {

    private final ManifestReader reader = new ManifestReader();

    @Test
    void readsEveryDocumentWithTheLineItStartsOn() {
        String text = """
                # a leading comment
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: one
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: two
                """;

        List<Manifest> manifests = reader.read(text, "apps/idp/all.yaml");

        assertThat(manifests).extracting(Manifest::location).containsExactly("apps/idp/all.yaml:3", "apps/idp/all.yaml:8");
        assertThat(manifests).extracting(Manifest::describe).containsExactly("ConfigMap/one", "Deployment/two");
        assertThat(manifests.get(1).gvk().group()).isEqualTo("apps");
    }

    @Test
    void skipsEmptyAndCommentOnlyDocuments() {
        String text = """
                ---
                ---
                # nothing here yet
                ---
                apiVersion: v1
                kind: Namespace
                metadata: {name: idp}
                ---
                """;

        List<Manifest> manifests = reader.read(text, "ns.yaml");

        assertThat(manifests).singleElement().satisfies(m -> assertThat(m.line()).isEqualTo(5));
        assertThat(reader.read("# only a comment\n", "empty.yaml")).isEmpty();
        assertThat(reader.read("", "empty.yaml")).isEmpty();
    }

    @Test
    void flattensAListIntoItsItemsEachWithItsOwnLine() {
        String text = """
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Service
                  metadata: {name: web}
                - apiVersion: v1
                  kind: ConfigMap
                  metadata: {name: web-config}
                """;

        List<Manifest> manifests = reader.read(text, "list.yaml");

        assertThat(manifests).extracting(Manifest::describe).containsExactly("Service/web", "ConfigMap/web-config");
        assertThat(manifests).extracting(Manifest::line).containsExactly(4, 7);
    }

    @Test
    void typedListItemsTakeTheirTypeFromTheList() {
        String text = """
                apiVersion: apps/v1
                kind: DeploymentList
                items:
                - metadata: {name: web, namespace: shop}
                """;

        Manifest manifest = reader.read(text, "list.yaml").get(0);

        assertThat(manifest.describe()).isEqualTo("Deployment/shop/web");
        assertThat(manifest.object().get("apiVersion").asText()).isEqualTo("apps/v1");
    }

    @Test
    void readsJsonIncludingTabIndentationAndSeveralObjects() {
        String text = "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Secret\",\n\t\"metadata\": {\"name\": \"a\"}\n}\n"
                + "{\"apiVersion\": \"v1\", \"kind\": \"Secret\", \"metadata\": {\"name\": \"b\"}}\n";

        List<Manifest> manifests = reader.read(text, "secrets.json");

        assertThat(manifests).extracting(Manifest::describe).containsExactly("Secret/a", "Secret/b");
        assertThat(manifests).extracting(Manifest::line).containsExactly(1, 6);
    }

    @Test
    void aYamlFlowMappingIsNotMistakenForJson() {
        List<Manifest> manifests = reader.read("{apiVersion: v1, kind: Namespace, metadata: {name: x}}", "ns.yaml");

        assertThat(manifests).extracting(Manifest::describe).containsExactly("Namespace/x");
    }

    @Test
    void keepsNumbersAndTypesAsWritten() {
        String text = """
                apiVersion: v1
                kind: ConfigMap
                data:
                  ratio: "1.50"
                spec:
                  replicas: 3
                  weight: 1.50
                  big: 12345678901234567890
                  enabled: true
                """;

        var spec = reader.read(text, "t.yaml").get(0).object().get("spec");

        assertThat(spec.get("replicas").isInt()).isTrue();
        assertThat(spec.get("weight").decimalValue()).isEqualByComparingTo("1.50");
        assertThat(spec.get("big").bigIntegerValue().toString()).isEqualTo("12345678901234567890");
        assertThat(spec.get("enabled").booleanValue()).isTrue();
    }

    @Test
    void resolvesAnchorsAliasesAndMergeKeys() {
        String text = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: x
                  labels: &labels
                    app: web
                    tier: front
                  annotations:
                    <<: *labels
                    tier: back
                spec:
                  copy: *labels
                """;

        var object = reader.read(text, "a.yaml").get(0).object();

        assertThat(object.at("/spec/copy/app").asText()).isEqualTo("web");
        assertThat(object.at("/metadata/annotations/app").asText()).isEqualTo("web");
        assertThat(object.at("/metadata/annotations/tier").asText()).isEqualTo("back");
    }

    @Test
    void malformedYamlNamesFileLineAndProblem() {
        String text = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: x
                data:
                  key: value: other
                """;

        assertThatThrownBy(() -> reader.read(text, "apps/idp/deploy.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessage("apps/idp/deploy.yaml:6: mapping values are not allowed here")
                .satisfies(e -> assertThat(((ManifestException) e).line()).isEqualTo(6));
    }

    @Test
    void tabIndentationIsExplained() {
        String text = "apiVersion: v1\nkind: ConfigMap\ndata:\n\tkey: value\n";

        assertThatThrownBy(() -> reader.read(text, "cm.yaml"))
                .hasMessage("cm.yaml:4: a tab character is used for indentation; YAML indents with spaces only");
    }

    @Test
    void badIndentationIsExplained() {
        String text = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n    name: x\n  labels: {}\n";

        assertThatThrownBy(() -> reader.read(text, "cm.yaml"))
                .hasMessageStartingWith("cm.yaml:5: the indentation of this line does not match the lines above it");
    }

    @Test
    void duplicateKeysAreAnErrorAtTheSecondKey() {
        String text = """
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: a
                  name: b
                """;

        assertThatThrownBy(() -> reader.read(text, "cm.yaml"))
                .hasMessageStartingWith("cm.yaml:5: duplicate key \"name\"");
    }

    @Test
    void duplicateKeysInJsonAreAnErrorToo() {
        assertThatThrownBy(() -> reader.read("{\"apiVersion\": \"v1\",\n \"apiVersion\": \"v2\"}", "x.json"))
                .hasMessageStartingWith("x.json:2: duplicate key \"apiVersion\"");
    }

    @Test
    void malformedJsonNamesTheLine() {
        assertThatThrownBy(() -> reader.read("{\"apiVersion\": \"v1\",\n\"kind\": }", "x.json"))
                .isInstanceOf(ManifestException.class)
                .hasMessageStartingWith("x.json:2: Unexpected character");
    }

    @Test
    void unclosedFlowSequenceIsReported() {
        assertThatThrownBy(() -> reader.read("apiVersion: v1\nkind: ConfigMap\ndata: [a\n", "cm.yaml"))
                .isInstanceOf(ManifestException.class)
                .hasMessageContaining("cm.yaml:4:")
                .hasMessageContaining("expected ',' or ']'");
    }

    @Test
    void missingKindOrApiVersionSaysWhatToAdd() {
        assertThatThrownBy(() -> reader.read("---\napiVersion: v1\nmetadata: {name: x}\n", "a.yaml"))
                .hasMessage("a.yaml:2: object with apiVersion v1 has no kind; add one, for example \"kind: Deployment\"");
        assertThatThrownBy(() -> reader.read("kind: Service\n", "b.yaml"))
                .hasMessageStartingWith("b.yaml:1: object of kind Service has no apiVersion; add one");
        assertThatThrownBy(() -> reader.read("metadata: {name: x}\n", "c.yaml"))
                .hasMessageStartingWith("c.yaml:1: object has no apiVersion and no kind; add both");
    }

    @Test
    void malformedApiVersionIsReported() {
        assertThatThrownBy(() -> reader.read("apiVersion: a/b/c\nkind: Thing\n", "t.yaml"))
                .hasMessageStartingWith("t.yaml:1: apiVersion \"a/b/c\" is not GROUP/VERSION");
    }

    @Test
    void aDocumentThatIsNotAMappingIsRejected() {
        assertThatThrownBy(() -> reader.read("apiVersion: v1\nkind: A\n---\n- one\n- two\n", "l.yaml"))
                .hasMessageStartingWith("l.yaml:4: expected a Kubernetes object (a mapping with apiVersion and kind) but found a list");
        assertThatThrownBy(() -> reader.read("just words\n", "w.yaml"))
                .hasMessage("w.yaml:1: expected a Kubernetes object (a mapping with apiVersion and kind) but found the text \"just words\"");
    }

    @Test
    void listItemsThatAreNotObjectsAreRejected() {
        assertThatThrownBy(() -> reader.read("apiVersion: v1\nkind: List\nitems:\n- 42\n", "l.yaml"))
                .hasMessageStartingWith("l.yaml:1: items of a List must be Kubernetes objects but found the number 42");
    }

    @Test
    void aliasOfAPlainValueIsAClearError() {
        assertThatThrownBy(() -> reader.read("apiVersion: v1\nkind: A\nx: &v 1\ny: *v\n", "a.yaml"))
                .hasMessageStartingWith("a.yaml:4: alias *v does not name an anchored mapping or list");
    }

    @Test
    void readsFilesAndReportsMissingOnes(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("svc.yaml");
        Files.writeString(file, "\uFEFFapiVersion: v1\nkind: Service\nmetadata: {name: web}\n");

        assertThat(reader.read(file)).singleElement()
                .satisfies(m -> assertThat(m.location()).isEqualTo(file + ":1"));
        assertThatThrownBy(() -> reader.read(dir.resolve("nope.yaml")))
                .hasMessage(dir.resolve("nope.yaml") + ": no such file");
        assertThatThrownBy(() -> reader.read(dir))
                .hasMessage(dir + ": is a directory; give the manifest files in it");
    }

    @Test
    void rejectsFilesThatAreNotUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("latin1.yaml");
        Files.write(file, "data: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> reader.read(file)).hasMessageEndingWith("is not UTF-8 text; save it as UTF-8");
    }

    @Test
    void readsASingleDocumentThatIsNotAKubernetesObject() {
        var rules = reader.readDocument("- kind: Certificate\n  rules: []\n", "health.yaml");

        assertThat(rules.get(0).get("kind").asText()).isEqualTo("Certificate");
        assertThat(reader.readDocument("# nothing\n", "health.yaml").isNull()).isTrue();
        assertThatThrownBy(() -> reader.readDocument("a: 1\n---\nb: 2\n", "health.yaml"))
                .hasMessage("health.yaml:3: expected a single document but found another one here");
        assertThatThrownBy(() -> reader.readDocument("a: 1\na: 2\n", "health.yaml"))
                .hasMessageStartingWith("health.yaml:2: duplicate key \"a\"");
    }
}
