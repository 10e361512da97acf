package dev.fairway.sandbox.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fairway.kube.Json;
import dev.fairway.sandbox.Sandbox;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fabric8 client, which the engine uses for every cluster, against the sandbox. */
class Fabric8IT {

    @TempDir
    static Path dir;
    static Sandbox sandbox;
    static KubernetesClient client;

    @BeforeAll
    static void start() throws Exception {
        sandbox = Sandbox.start(new Sandbox.Config("fabric8-it", dir.resolve("shared"), 0, null, true));
        client = clientFor(sandbox);
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** A client configured only from the kubeconfig file the sandbox wrote, as a user's would be. */
    static KubernetesClient clientFor(Sandbox s) {
        Config config = Config.fromKubeconfig(s.kubeconfig().toFile());
        // reconnect quickly after a restart instead of backing off for half a minute
        config.setWatchReconnectInterval(200);
        config.setRequestRetryBackoffInterval(100);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static void namespace(KubernetesClient c, String name) {
        c.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    }

    @Test
    void createGetListUpdatePatchAndDelete() {
        namespace(client, "crud");
        var cms = client.configMaps().inNamespace("crud");
        ConfigMap created = cms.resource(new ConfigMapBuilder().withNewMetadata().withName("cfg").addToLabels("app", "shop").endMetadata()
                .addToData("color", "blue").build()).create();
        assertThat(created.getMetadata().getUid()).isNotBlank();
        assertThat(created.getMetadata().getResourceVersion()).isNotBlank();
        assertThat(created.getMetadata().getCreationTimestamp()).isNotBlank();

        assertThat(cms.withName("cfg").get().getData()).containsEntry("color", "blue");
        assertThat(cms.withLabel("app", "shop").list().getItems()).extracting(c -> c.getMetadata().getName()).containsExactly("cfg");
        assertThat(cms.withLabel("app", "other").list().getItems()).isEmpty();

        ConfigMap edited = cms.withName("cfg").edit(c -> new ConfigMapBuilder(c).addToData("size", "L").build());
        assertThat(edited.getData()).containsEntry("size", "L");
        assertThat(Long.parseLong(edited.getMetadata().getResourceVersion()))
                .isGreaterThan(Long.parseLong(created.getMetadata().getResourceVersion()));

        ConfigMap patched = cms.withName("cfg").patch("{\"data\":{\"color\":\"green\"}}");
        assertThat(patched.getData()).containsEntry("color", "green").containsEntry("size", "L");

        assertThat(cms.withName("cfg").delete()).hasSize(1);
        assertThat(cms.withName("cfg").get()).isNull();

        KubernetesClientException dup = catchCreate(() -> {
            cms.resource(new ConfigMapBuilder().withNewMetadata().withName("twice").endMetadata().build()).create();
            cms.resource(new ConfigMapBuilder().withNewMetadata().withName("twice").endMetadata().build()).create();
        });
        assertThat(dup.getCode()).isEqualTo(409);
        assertThat(dup.getStatus().getReason()).isEqualTo("AlreadyExists");
    }

    @Test
    void typedWorkloadsComeBackDefaulted() {
        namespace(client, "typed");
        Deployment d = client.apps().deployments().inNamespace("typed").resource(new DeploymentBuilder()
                .withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        assertThat(d.getSpec().getReplicas()).isEqualTo(1);
        assertThat(d.getSpec().getStrategy().getType()).isEqualTo("RollingUpdate");
        assertThat(d.getSpec().getRevisionHistoryLimit()).isEqualTo(10);
        assertThat(d.getSpec().getProgressDeadlineSeconds()).isEqualTo(600);
        assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImagePullPolicy()).isEqualTo("Always");
        assertThat(d.getMetadata().getGeneration()).isEqualTo(1L);

        Deployment scaled = client.apps().deployments().inNamespace("typed").withName("web").scale(3);
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(3);
        assertThat(client.apps().deployments().inNamespace("typed").withName("web").get().getMetadata().getGeneration()).isEqualTo(2L);
    }

    @Test
    void serverSideApplyOwnsFieldsAndReportsConflicts() {
        namespace(client, "ssa");
        var cms = client.configMaps().inNamespace("ssa");
        ConfigMap desired = new ConfigMapBuilder().withNewMetadata().withName("applied").withNamespace("ssa").endMetadata()
                .addToData("a", "1").addToData("b", "2").build();
        ConfigMap first = cms.resource(desired).fieldManager("fairway").forceConflicts().serverSideApply();
        assertThat(first.getData()).containsOnly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(first.getMetadata().getManagedFields()).anySatisfy(m -> {
            assertThat(m.getManager()).isEqualTo("fairway");
            assertThat(m.getOperation()).isEqualTo("Apply");
        });

        // dropping a field from the applied configuration removes it: nobody else owns it
        ConfigMap smaller = new ConfigMapBuilder(desired).withData(Map.of("a", "1")).build();
        assertThat(cms.resource(smaller).fieldManager("fairway").forceConflicts().serverSideApply().getData())
                .containsOnly(Map.entry("a", "1"));

        ConfigMap rival = new ConfigMapBuilder(desired).withData(Map.of("a", "other")).build();
        KubernetesClientException conflict = catchCreate(() -> cms.resource(rival).fieldManager("rival").serverSideApply());
        assertThat(conflict.getCode()).isEqualTo(409);
        assertThat(conflict.getStatus().getReason()).isEqualTo("Conflict");
        assertThat(conflict.getStatus().getDetails().getCauses()).anySatisfy(c -> {
            assertThat(c.getReason()).isEqualTo("FieldManagerConflict");
            assertThat(c.getField()).isEqualTo(".data.a");
        });
        assertThat(cms.withName("applied").get().getData()).containsEntry("a", "1");

        // the same value is shared, not a conflict
        ConfigMap agreeing = new ConfigMapBuilder(desired).withData(Map.of("a", "1")).build();
        cms.resource(agreeing).fieldManager("rival").serverSideApply();
    }

    @Test
    void customResourcesThroughTheGenericClient() {
        CustomResourceDefinition crd = client.apiextensions().v1().customResourceDefinitions().resource(new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("gadgets.example.com").endMetadata()
                .withNewSpec().withGroup("example.com").withScope("Namespaced")
                .withNewNames().withKind("Gadget").withPlural("gadgets").withSingular("gadget").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withNewOpenAPIV3Schema().withType("object")
                .addToProperties("spec", new JSONSchemaPropsBuilder().withType("object")
                        .addToProperties("size", new JSONSchemaPropsBuilder().withType("integer").build())
                        .addToProperties("mode", new JSONSchemaPropsBuilder().withType("string").build()).build())
                .addToProperties("status", new JSONSchemaPropsBuilder().withType("object")
                        .addToProperties("phase", new JSONSchemaPropsBuilder().withType("string").build()).build())
                .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build()).create();
        assertThat(crd.getMetadata().getUid()).isNotBlank();
        client.apiextensions().v1().customResourceDefinitions().withName("gadgets.example.com")
                .waitUntilCondition(c -> c.getStatus() != null && c.getStatus().getConditions().stream()
                        .anyMatch(x -> x.getType().equals("Established") && x.getStatus().equals("True")), 30, TimeUnit.SECONDS);
        namespace(client, "gadgets");

        ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup("example.com").withVersion("v1")
                .withKind("Gadget").withPlural("gadgets").withNamespaced(true).build();
        var gadgets = client.genericKubernetesResources(ctx).inNamespace("gadgets");
        GenericKubernetesResource desired = new GenericKubernetesResourceBuilder().withApiVersion("example.com/v1").withKind("Gadget")
                .withNewMetadata().withName("g1").withNamespace("gadgets").endMetadata()
                .addToAdditionalProperties("spec", Map.of("size", 2, "mode", "fast")).build();
        GenericKubernetesResource applied = gadgets.resource(desired).fieldManager("fairway").forceConflicts().serverSideApply();
        assertThat(applied.get("spec", "size").toString()).isEqualTo("2");

        // dropping spec.mode from the applied configuration removes it
        desired.setAdditionalProperty("spec", Map.of("size", 3));
        GenericKubernetesResource reapplied = gadgets.resource(desired).fieldManager("fairway").forceConflicts().serverSideApply();
        assertThat(Json.MAPPER.valueToTree(reapplied.getAdditionalProperties().get("spec")).toString()).isEqualTo("{\"size\":3}");

        // status goes through its subresource only
        GenericKubernetesResource withStatus = gadgets.withName("g1").get();
        withStatus.setAdditionalProperty("status", Map.of("phase", "Ready"));
        gadgets.resource(withStatus).updateStatus();
        GenericKubernetesResource live = gadgets.withName("g1").get();
        assertThat(live.get("status", "phase").toString()).isEqualTo("Ready");
        assertThat(live.getMetadata().getGeneration()).isEqualTo(2L);

        KubernetesClientException invalid = catchCreate(() -> gadgets.resource(new GenericKubernetesResourceBuilder()
                .withApiVersion("example.com/v1").withKind("Gadget").withNewMetadata().withName("bad").endMetadata()
                .addToAdditionalProperties("spec", Map.of("size", "huge")).build()).create());
        assertThat(invalid.getCode()).isEqualTo(422);
        assertThat(invalid.getStatus().getDetails().getCauses()).anySatisfy(c -> assertThat(c.getField()).isEqualTo("spec.size"));
    }

    @Test
    void dependentsFollowTheirOwnerUnlessOrphaned() {
        namespace(client, "owners");
        var cms = client.configMaps().inNamespace("owners");
        for (String owner : List.of("background", "foreground", "orphan")) {
            ConfigMap o = cms.resource(cm(owner, "owner")).create();
            for (int i = 0; i < 3; i++) {
                cms.resource(new ConfigMapBuilder(cm(owner + "-child-" + i, "child")).editMetadata()
                        .addNewOwnerReference().withApiVersion("v1").withKind("ConfigMap").withName(owner)
                        .withUid(o.getMetadata().getUid()).endOwnerReference().endMetadata().build()).create();
            }
        }
        cms.withName("background").withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        cms.withName("foreground").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        cms.withName("orphan").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(cms.list().getItems())
                .extracting(c -> c.getMetadata().getName())
                .filteredOn(n -> !n.equals("kube-root-ca.crt"))
                .containsExactlyInAnyOrder("orphan-child-0", "orphan-child-1", "orphan-child-2"));
        assertThat(cms.withName("orphan-child-0").get().getMetadata().getOwnerReferences()).isEmpty();
    }

    @Test
    void listsComeInPagesWithContinueTokens() {
        namespace(client, "pages");
        var cms = client.configMaps().inNamespace("pages");
        for (int i = 0; i < 7; i++) {
            cms.resource(cm("page-" + i, "v")).create();
        }
        List<String> seen = new java.util.ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            var page = cms.list(new ListOptionsBuilder().withLimit(3L).withContinue(token).build());
            assertThat(page.getItems()).hasSizeLessThanOrEqualTo(3);
            page.getItems().forEach(c -> seen.add(c.getMetadata().getName()));
            token = page.getMetadata().getContinue();
            pages++;
        } while (token != null && !token.isEmpty());
        assertThat(pages).isEqualTo(3);
        assertThat(seen).hasSize(8).doesNotHaveDuplicates().contains("page-0", "page-6");
    }

    @Test
    void aStaleUpdateIsAConflict() {
        namespace(client, "locking");
        var cms = client.configMaps().inNamespace("locking");
        ConfigMap original = cms.resource(new ConfigMapBuilder().withNewMetadata().withName("counter").endMetadata()
                .addToData("n", "0").build()).create();
        cms.resource(new ConfigMapBuilder(original).withData(Map.of("n", "1")).build()).update();

        ConfigMap stale = new ConfigMapBuilder(original).withData(Map.of("n", "2")).build();
        KubernetesClientException e = catchCreate(() -> cms.resource(stale).update());
        assertThat(e.getCode()).isEqualTo(409);
        assertThat(e.getStatus().getReason()).isEqualTo("Conflict");
        assertThat(e.getStatus().getMessage()).contains("the object has been modified");
        assertThat(cms.withName("counter").get().getData()).containsEntry("n", "1");
    }

    @Test
    void anInformerKeepsWorkingAcrossARestartOnTheSamePort() throws Exception {
        Path data = dir.resolve("restarting");
        Sandbox first = Sandbox.start(new Sandbox.Config("restarting", data, 0, null, true));
        int port = URI.create(first.url()).getPort();
        Sandbox second = null;
        boolean firstClosed = false;
        try (KubernetesClient c = clientFor(first)) {
            namespace(c, "inform");
            Set<String> present = ConcurrentHashMap.newKeySet();
            List<String> events = new CopyOnWriteArrayList<>();
            SharedIndexInformer<ConfigMap> informer = c.configMaps().inNamespace("inform").inform(new ResourceEventHandler<>() {
                @Override
                public void onAdd(ConfigMap cm) {
                    present.add(cm.getMetadata().getName());
                    events.add("add " + cm.getMetadata().getName());
                }

                @Override
                public void onUpdate(ConfigMap before, ConfigMap after) {
                    events.add("update " + after.getMetadata().getName() + " " + after.getData());
                }

                @Override
                public void onDelete(ConfigMap cm, boolean unknownFinalState) {
                    present.remove(cm.getMetadata().getName());
                    events.add("delete " + cm.getMetadata().getName());
                }
            }, 0);
            try {
                c.configMaps().inNamespace("inform").resource(cm("before-restart", "v1")).create();
                await().atMost(Duration.ofSeconds(10)).until(() -> present.contains("before-restart"));

                first.close();
                firstClosed = true;
                second = Sandbox.start(new Sandbox.Config("restarting", data, port, null, true));
                assertThat(second.url()).isEqualTo(first.url());

                c.configMaps().inNamespace("inform").resource(cm("after-restart", "v1")).create();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(present).as("events %s", events).contains("before-restart", "after-restart"));
                c.configMaps().inNamespace("inform").withName("before-restart").edit(x -> cm("before-restart", "v2"));
                c.configMaps().inNamespace("inform").withName("after-restart").delete();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(events).contains("update before-restart {key=v2}", "delete after-restart");
                    assertThat(informer.getStore().list()).extracting(x -> x.getMetadata().getName())
                            .contains("before-restart").doesNotContain("after-restart");
                });
                assertThat(informer.isWatching()).isTrue();
            } finally {
                informer.close();
            }
        } finally {
            if (second != null) {
                second.close();
            } else if (!firstClosed) {
                first.close();
            }
        }
    }

    private static ConfigMap cm(String name, String value) {
        return new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata().addToData("key", value).build();
    }

    private static KubernetesClientException catchCreate(Runnable r) {
        return (KubernetesClientException) org.assertj.core.api.Assertions.catchThrowableOfType(KubernetesClientException.class, r::run);
    }
}
