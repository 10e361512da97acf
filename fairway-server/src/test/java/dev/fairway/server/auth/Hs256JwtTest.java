package dev.fairway.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class Hs256JwtTest {

    static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    final Hs256Jwt jwt = new Hs256Jwt(KEY);

    static JwtClaims claims(long iat, long exp) {
        return new JwtClaims("proj:team-a:ci", JwtClaims.ISSUER, iat, exp, "ci-1");
    }

    static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    @Test
    void aSignedTokenVerifiesWithItsClaims() throws Exception {
        JwtClaims c = claims(NOW.getEpochSecond() - 10, NOW.getEpochSecond() + 3600);
        String token = jwt.sign(c);
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(decode(token.split("\\.")[0])).contains("\"alg\":\"HS256\"");
        assertThat(decode(token.split("\\.")[1])).contains("\"sub\":\"proj:team-a:ci\"", "\"jti\":\"ci-1\"", "\"iss\":\"fairway\"");
        assertThat(jwt.verify(token, NOW)).isEqualTo(c);
    }

    @Test
    void aTokenWithoutExpiryHasNoExpClaimAndStaysValid() throws Exception {
        String token = jwt.sign(claims(NOW.getEpochSecond(), 0));
        assertThat(decode(token.split("\\.")[1])).doesNotContain("exp");
        assertThat(jwt.verify(token, NOW.plus(Duration.ofDays(3650))).expiry()).isEmpty();
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String[] p = jwt.sign(claims(NOW.getEpochSecond(), 0)).split("\\.");
        String otherRole = b64(decode(p[1]).replace("proj:team-a:ci", "proj:team-a:admin"));
        assertThatThrownBy(() -> jwt.verify(p[0] + "." + otherRole + "." + p[2], NOW))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("signature does not match");
    }

    @Test
    void aTamperedSignatureIsRefused() {
        String token = jwt.sign(claims(NOW.getEpochSecond(), 0));
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        assertThatThrownBy(() -> jwt.verify(tampered, NOW))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("signature does not match");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        byte[] other = Arrays.copyOf(KEY, KEY.length);
        other[0] ^= 1;
        String token = new Hs256Jwt(other).sign(claims(NOW.getEpochSecond(), 0));
        assertThatThrownBy(() -> jwt.verify(token, NOW)).hasMessageContaining("not issued by this server");
    }

    @Test
    void algorithmNoneIsRefusedEvenWithoutASignature() {
        String payload = jwt.sign(claims(NOW.getEpochSecond(), 0)).split("\\.")[1];
        String none = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + payload + ".";
        assertThatThrownBy(() -> jwt.verify(none, NOW))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("algorithm 'none' is not accepted");
    }

    @Test
    void anotherHmacAlgorithmIsRefused() {
        String[] p = jwt.sign(claims(NOW.getEpochSecond(), 0)).split("\\.");
        String hs512 = b64("{\"alg\":\"HS512\",\"typ\":\"JWT\"}") + "." + p[1] + "." + p[2];
        assertThatThrownBy(() -> jwt.verify(hs512, NOW)).hasMessageContaining("algorithm 'HS512' is not accepted");
    }

    @Test
    void anExpiredTokenIsRefusedFromItsExpiryOn() throws Exception {
        long exp = NOW.getEpochSecond() + 60;
        String token = jwt.sign(claims(NOW.getEpochSecond(), exp));
        assertThat(jwt.verify(token, NOW.plusSeconds(59)).expiresAt()).isEqualTo(exp);
        assertThatThrownBy(() -> jwt.verify(token, NOW.plusSeconds(60)))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("expired at 2026-11-30T12:01:00Z");
    }

    @Test
    void aTokenIssuedInTheFutureIsRefusedBeyondTheClockSkew() throws Exception {
        String skewed = jwt.sign(claims(NOW.plusSeconds(30).getEpochSecond(), 0));
        assertThat(jwt.verify(skewed, NOW).subject()).isEqualTo("proj:team-a:ci");
        String future = jwt.sign(claims(NOW.plus(Duration.ofHours(1)).getEpochSecond(), 0));
        assertThatThrownBy(() -> jwt.verify(future, NOW)).hasMessageContaining("issued in the future");
    }

    @Test
    void malformedTokensAreRefusedWithAReason() {
        assertThatThrownBy(() -> jwt.verify("a.b", NOW)).hasMessageContaining("header.payload.signature");
        assertThatThrownBy(() -> jwt.verify("%%%.b.c", NOW)).hasMessageContaining("header is not base64url-encoded JSON");
        assertThatThrownBy(() -> jwt.verify(b64("[1]") + ".b.c", NOW)).hasMessageContaining("header is not a JSON object");
    }

    /** A token over any payload, signed correctly with KEY: what a holder of the key could make. */
    static String signRaw(String payloadJson) throws Exception {
        String signed = b64("{\"alg\":\"HS256\"}") + "." + b64(payloadJson);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        return signed + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void signedTokensWithMissingOrBadClaimsAreRefused() throws Exception {
        long iat = NOW.getEpochSecond();
        assertThat(jwt.verify(signRaw("{\"sub\":\"proj:p:r\",\"iat\":" + iat + "}"), NOW).id()).isEmpty();
        assertThatThrownBy(() -> jwt.verify(signRaw("{\"iat\":" + iat + "}"), NOW)).hasMessageContaining("no subject");
        assertThatThrownBy(() -> jwt.verify(signRaw("{\"sub\":\"proj:p:r\"}"), NOW)).hasMessageContaining("no issue time");
        assertThatThrownBy(() -> jwt.verify(signRaw("{\"sub\":\"proj:p:r\",\"iat\":" + iat + ",\"exp\":\"never\"}"), NOW))
                .hasMessageContaining("expiry (exp) is not a time");
    }

    @Test
    void aForeignIssuerIsRefused() {
        String token = jwt.sign(new JwtClaims("proj:team-a:ci", "argocd", NOW.getEpochSecond(), 0, "x"));
        assertThatThrownBy(() -> jwt.verify(token, NOW)).hasMessageContaining("issued by 'argocd'");
    }

    @Test
    void aShortKeyIsRefused() {
        assertThatThrownBy(() -> new Hs256Jwt(new byte[16])).hasMessageContaining("at least 32 bytes");
    }
}
