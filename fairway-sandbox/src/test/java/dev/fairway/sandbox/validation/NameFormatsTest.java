package dev.fairway.sandbox.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameFormatsTest {

    @Test
    void dnsLabelMessageIsWordForWordKubernetes() {
        assertThat(NameFormats.dns1123Label("My_Name")).containsExactly(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an "
                        + "alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        assertThat(NameFormats.dns1123Label("ok-1")).isEmpty();
        assertThat(NameFormats.dns1123Label("a".repeat(64))).containsExactly("must be no more than 63 characters");
    }

    @Test
    void subdomainsAllowDotsAndLongerNames() {
        assertThat(NameFormats.dns1123Subdomain("web.example.com")).isEmpty();
        assertThat(NameFormats.dns1123Subdomain("a".repeat(253))).isEmpty();
        assertThat(NameFormats.dns1123Subdomain("a".repeat(254))).containsExactly("must be no more than 253 characters");
        assertThat(NameFormats.dns1123Subdomain("-bad")).singleElement().asString()
                .startsWith("a lowercase RFC 1123 subdomain must consist of").endsWith("(e.g. 'example.com', regex used for validation is "
                        + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }

    @Test
    void dns1035LabelsMustStartWithALetter() {
        assertThat(NameFormats.dns1035Label("web")).isEmpty();
        assertThat(NameFormats.dns1035Label("1web")).singleElement().asString()
                .startsWith("a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character");
    }

    @Test
    void qualifiedNamesCheckPrefixAndName() {
        assertThat(NameFormats.qualifiedName("app.kubernetes.io/name")).isEmpty();
        assertThat(NameFormats.qualifiedName("/name")).containsExactly("prefix part must be non-empty");
        assertThat(NameFormats.qualifiedName("Example.com/x")).singleElement().asString().startsWith("prefix part a lowercase RFC 1123 subdomain");
        assertThat(NameFormats.qualifiedName("a/b/c")).singleElement().asString().startsWith("a qualified name must consist of")
                .endsWith("with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        assertThat(NameFormats.qualifiedName("bad key")).singleElement().asString().startsWith("name part must consist of alphanumeric characters");
        assertThat(NameFormats.qualifiedName("example.com/")).contains("name part must be non-empty");
    }

    @Test
    void labelValuesMayBeEmpty() {
        assertThat(NameFormats.labelValue("")).isEmpty();
        assertThat(NameFormats.labelValue("v1.2_x")).isEmpty();
        assertThat(NameFormats.labelValue("bad value")).singleElement().asString()
                .isEqualTo("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                        + "with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is "
                        + "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
    }

    @Test
    void configKeysRejectSpacesAndDotDot() {
        assertThat(NameFormats.configMapKey("app.properties")).isEmpty();
        assertThat(NameFormats.configMapKey("a b")).singleElement().asString()
                .isEqualTo("a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or "
                        + "'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
        assertThat(NameFormats.configMapKey("..")).containsExactly("must not be '..'");
        assertThat(NameFormats.configMapKey("..data")).containsExactly("must not start with '..'");
    }

    @Test
    void portNamesAndNumbers() {
        assertThat(NameFormats.portName("http")).isEmpty();
        assertThat(NameFormats.portName("8080")).containsExactly("must contain at least one letter (a-z)");
        assertThat(NameFormats.portName("Http--x-")).contains("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "must not contain consecutive hyphens (--)", "must not begin or end with a hyphen (-)");
        assertThat(NameFormats.portName("a-very-long-port-name")).contains("must be no more than 15 characters");
        assertThat(NameFormats.portNumber(65535)).isEmpty();
        assertThat(NameFormats.portNumber(0)).containsExactly("must be between 1 and 65535, inclusive");
    }

    @Test
    void rbacNamesArePathSegments() {
        assertThat(NameFormats.pathSegment("system:admin")).isEmpty();
        assertThat(NameFormats.pathSegment("..")).containsExactly("may not be '..'");
        assertThat(NameFormats.pathSegment("a/b%")).containsExactly("may not contain '/'", "may not contain '%'");
    }
}
