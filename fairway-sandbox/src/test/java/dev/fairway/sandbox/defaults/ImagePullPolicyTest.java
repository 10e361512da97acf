package dev.fairway.sandbox.defaults;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImagePullPolicyTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "nginx, Always",
            "nginx:latest, Always",
            "nginx:1.25, IfNotPresent",
            "docker.io/library/nginx:1.25-alpine, IfNotPresent",
            "localhost:5000/app, Always",
            "localhost:5000/app:v2, IfNotPresent",
            "registry.example.com:443/team/app:latest, Always",
            "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, IfNotPresent",
            "nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef, Always",
            "Nginx, IfNotPresent",
            "'', IfNotPresent",
    })
    void pullPolicyFollowsTheTag(String image, String expected) {
        assertThat(ImagePullPolicy.forImage(image)).isEqualTo(expected);
    }
}
