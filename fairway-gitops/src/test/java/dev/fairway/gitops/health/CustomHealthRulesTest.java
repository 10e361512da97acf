package dev.fairway.gitops.health;

import static dev.fairway.gitops.health.Objects.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CustomHealthRulesTest {

    private static final String CERTIFICATE_RULES = """
            - group: cert-manager.io
              kind: Certificate
              rules:
                - when: status.conditions[type=Ready].status == True
                  status: Healthy
                  message: "{status.conditions[type=Ready].message}"
                - when:
                    - status.conditions[type=Ready].status == "False"
                    - status.conditions[type=Ready].reason != Pending
                  status: Degraded
                  message: "Certificate failed: {status.conditions[type=Ready].message}"
                - status: Progressing
                  message: Waiting for the certificate
            """;

    private final HealthAssessor assessor =
            HealthAssessor.argoCd().withCustomRules(CustomHealthRules.parse(CERTIFICATE_RULES, "health.yaml"));

    private static String certificate(String ready, String reason) {
        return """
                apiVersion: cert-manager.io/v1
                kind: Certificate
                metadata: {name: web-tls}
                status:
                  conditions:
                  - {type: Issuing, status: "True"}
                  - {type: Ready, status: "%s", reason: %s, message: the message}
                """.formatted(ready, reason);
    }

    @Test
    void theFirstRuleThatHoldsDecides() {
        assertThat(assessor.assess(yaml(certificate("True", "Ready")))).hasValue(Health.healthy("the message"));
        assertThat(assessor.assess(yaml(certificate("False", "Failed"))))
                .hasValue(Health.degraded("Certificate failed: the message"));
        assertThat(assessor.assess(yaml(certificate("False", "Pending"))))
                .hasValue(Health.progressing("Waiting for the certificate"));
    }

    @Test
    void kindsWithoutRulesAreUnaffected() {
        assertThat(assessor.assess(yaml("apiVersion: cert-manager.io/v1\nkind: Issuer\n"))).isEmpty();
    }

    @Test
    void builtInCheckAppliesWhenNoRuleHolds() {
        HealthAssessor withPodRule = HealthAssessor.argoCd().withCustomRules(CustomHealthRules.parse("""
                - kind: Pod
                  rules:
                  - when: metadata.labels.canary == "true"
                    status: Suspended
                """, "rules.yaml"));

        assertThat(withPodRule.assess(yaml("apiVersion: v1\nkind: Pod\nmetadata: {labels: {canary: 'true'}}\n")))
                .map(Health::status).hasValue(HealthStatus.Suspended);
        assertThat(withPodRule.assess(yaml("apiVersion: v1\nkind: Pod\nstatus: {phase: Succeeded}\n")))
                .map(Health::status).hasValue(HealthStatus.Healthy);
    }

    @Test
    void numericComparisonsTreatMissingCountsAsZero() {
        HealthAssessor scaled = HealthAssessor.argoCd().withCustomRules(CustomHealthRules.parse("""
                - group: example.com
                  kind: Pool
                  rules:
                  - when: status.readyMembers < {spec.members}
                    status: Progressing
                    message: "{status.readyMembers} of {spec.members} ready"
                  - when: status.readyMembers >= 1
                    status: Healthy
                """, "rules.yaml"));

        assertThat(scaled.assess(yaml("apiVersion: example.com/v1\nkind: Pool\nspec: {members: 3}\n")))
                .hasValue(Health.progressing(" of 3 ready"));
        assertThat(scaled.assess(yaml("apiVersion: example.com/v1\nkind: Pool\nspec: {members: 2}\nstatus: {readyMembers: 2}\n")))
                .hasValue(Health.healthy(""));
    }

    @Test
    void existsAndAbsentAndQuotedKeys() {
        HealthAssessor rules = HealthAssessor.argoCd().withCustomRules(CustomHealthRules.parse("""
                - group: example.com
                  kind: Gateway
                  rules:
                  - when: metadata.annotations["example.com/paused"] exists
                    status: Suspended
                  - when: [status.addresses absent]
                    status: Progressing
                  - when: status.addresses[0].value exists
                    status: Healthy
                    message: "at {status.addresses[0].value}"
                """, "rules.yaml"));

        assertThat(rules.assess(yaml("""
                apiVersion: example.com/v1
                kind: Gateway
                metadata: {annotations: {example.com/paused: "yes"}}
                """))).map(Health::status).hasValue(HealthStatus.Suspended);
        assertThat(rules.assess(yaml("apiVersion: example.com/v1\nkind: Gateway\nstatus: {addresses: []}\n")))
                .map(Health::status).hasValue(HealthStatus.Progressing);
        assertThat(rules.assess(yaml("apiVersion: example.com/v1\nkind: Gateway\nstatus: {addresses: [{value: 10.0.0.1}]}\n")))
                .hasValue(Health.healthy("at 10.0.0.1"));
    }

    @Test
    void comparingANonNumberGivesUnknown() {
        HealthAssessor rules = HealthAssessor.argoCd().withCustomRules(CustomHealthRules.parse("""
                - group: example.com
                  kind: Pool
                  rules:
                  - when: status.ready > 0
                    status: Healthy
                """, "rules.yaml"));

        assertThat(rules.assess(yaml("apiVersion: example.com/v1\nkind: Pool\nstatus: {ready: lots}\n")))
                .map(Health::status).hasValue(HealthStatus.Unknown);
    }

    @Test
    void loadsFromAConfigMap() {
        var configMap = yaml("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: fairway-health, namespace: fairway}
                data:
                  health.yaml: |
                    - group: example.com
                      kind: Thing
                      rules:
                      - status: Healthy
                """);

        assertThat(CustomHealthRules.fromConfigMap(configMap).checks()).containsOnlyKeys(
                new dev.fairway.kube.GroupKind("example.com", "Thing"));
    }

    @Test
    void aConfigMapWithoutTheKeyIsAnError() {
        assertThatThrownBy(() -> CustomHealthRules.fromConfigMap(yaml("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n")))
                .isInstanceOf(HealthRulesException.class)
                .hasMessage("ConfigMap x has no data key health.yaml; put the health rules there");
    }

    @Test
    void mistakesNameTheEntryTheRuleAndWhatIsWrong() {
        assertRejected("- kind: Thing\n  rules:\n  - status: Broken\n",
                "r.yaml: entry 1 (Thing) rule 1: status \"Broken\" is unknown; use one of Healthy, Suspended,"
                        + " Progressing, Missing, Degraded, Unknown");
        assertRejected("- kind: Thing\n  rules:\n  - when: status.phase = Failed\n    status: Degraded\n",
                "r.yaml: entry 1 (Thing) rule 1: cannot read \"status.phase = Failed\": write PATH == VALUE,"
                        + " PATH != VALUE, PATH < VALUE (or <=, >, >=), PATH exists or PATH absent");
        assertRejected("- kind: Thing\n  rules:\n  - when: status.count > many\n    status: Degraded\n",
                "r.yaml: entry 1 (Thing) rule 1: cannot read \"status.count > many\": many is not a number;"
                        + " compare with a number or a {field}");
        assertRejected("- kind: Thing\n  rules:\n  - when: status.conditions[Ready].status == True\n    status: Healthy\n",
                "r.yaml: entry 1 (Thing) rule 1: field path \"status.conditions[Ready].status\" is invalid:"
                        + " [Ready] is none of [N], [key=value] or [\"field name\"]");
        assertRejected("- kind: Thing\n  rules:\n  - status: Healthy\n    mesage: hi\n",
                "r.yaml: entry 1 (Thing) rule 1: unknown field \"mesage\"; the fields are message, status, when");
        assertRejected("- kind: Thing\n  rules:\n  - when:\n    - status.phase: Failed\n    status: Degraded\n",
                "r.yaml: entry 1 (Thing) rule 1: each test must be text such as \"status.phase == Failed\","
                        + " found {\"status.phase\":\"Failed\"} (quote the test if it contains \": \")");
        assertRejected("- group: example.com\n  rules: [{status: Healthy}]\n",
                "r.yaml: entry 1: kind is missing; name the kind the rules are for, such as \"kind: Certificate\"");
        assertRejected("- kind: Thing\n",
                "r.yaml: entry 1 (Thing): rules must be a non-empty list of {when, status, message}");
        assertRejected("- kind: Thing\n  rules: [{status: Healthy}]\n- kind: Thing\n  rules: [{status: Healthy}]\n",
                "r.yaml: entry 2 (Thing): Thing already has rules in an earlier entry; put all its rules in one entry");
        assertRejected("kind: Thing\n", "r.yaml: expected a list of entries, each with group, kind and rules");
        assertRejected("- kind: Thing\n  rules:\n  - status: Healthy\n    message: \"{status.x\"\n",
                "r.yaml: entry 1 (Thing) rule 1: message \"{status.x\": \"{\" at position 0 is never closed;"
                        + " write {field.path}");
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() {
        assertThatThrownBy(() -> CustomHealthRules.parse("- kind: Thing\n  rules:\n  - status: Healthy\n   when: x\n", "r.yaml"))
                .isInstanceOf(HealthRulesException.class)
                .hasMessageStartingWith("r.yaml:4: the indentation of this line does not match");
    }

    @Test
    void emptyRulesCoverNothing() {
        assertThat(CustomHealthRules.parse("# none yet\n", "r.yaml").checks()).isEmpty();
    }

    private static void assertRejected(String yaml, String message) {
        assertThatThrownBy(() -> CustomHealthRules.parse(yaml, "r.yaml"))
                .isInstanceOf(HealthRulesException.class)
                .hasMessage(message);
    }
}
