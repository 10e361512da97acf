package dev.fairway.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fairway.kube.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * JSON Web Tokens signed with HMAC-SHA256 (RFC 7519, JWS compact form), as Argo CD signs its
 * project tokens with the server's secret key. Only {@code HS256} is accepted when verifying: a
 * token that names another algorithm, {@code none} in particular, is refused before its
 * signature is even looked at, so an attacker cannot choose how we check it.
 */
public final class Hs256Jwt {

    /** Tolerated clock difference between the replica that issued a token and the one checking it. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

    private final byte[] key;

    /** @param key the signing key, at least 32 bytes (RFC 7518 asks for a key as long as the hash) */
    public Hs256Jwt(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("an HS256 key needs at least 32 bytes, got " + key.length);
        }
        this.key = key.clone();
    }

    public String sign(JwtClaims claims) {
        ObjectNode payload = Json.object();
        payload.put("sub", claims.subject());
        if (!claims.issuer().isEmpty()) {
            payload.put("iss", claims.issuer());
        }
        payload.put("iat", claims.issuedAt());
        if (claims.expiresAt() > 0) {
            payload.put("exp", claims.expiresAt());
        }
        if (!claims.id().isEmpty()) {
            payload.put("jti", claims.id());
        }
        String signed = HEADER + "." + B64.encodeToString(Json.bytes(payload));
        return signed + "." + B64.encodeToString(mac(signed));
    }

    /**
     * The claims of a token this key signed, if it is current at {@code now}.
     *
     * @throws InvalidTokenException saying what is wrong with it
     */
    public JwtClaims verify(String token, Instant now) throws InvalidTokenException {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new InvalidTokenException("not a JSON Web Token: expected header.payload.signature");
        }
        JsonNode header = decode(parts[0], "header");
        String alg = header.path("alg").asText("");
        if (!alg.equals("HS256")) {
            throw new InvalidTokenException("token algorithm '" + alg + "' is not accepted: Fairway signs with HS256 only");
        }
        byte[] signature;
        try {
            signature = B64D.decode(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("the token's signature is not base64url");
        }
        if (!MessageDigest.isEqual(mac(parts[0] + "." + parts[1]), signature)) {
            throw new InvalidTokenException("the token's signature does not match: it was not issued by this server or was altered");
        }
        JsonNode payload = decode(parts[1], "payload");
        if (!payload.path("sub").isTextual()) {
            throw new InvalidTokenException("the token has no subject (sub)");
        }
        if (!payload.path("iat").canConvertToLong()) {
            throw new InvalidTokenException("the token has no issue time (iat)");
        }
        JwtClaims claims = new JwtClaims(payload.path("sub").asText(), payload.path("iss").asText(""),
                payload.path("iat").asLong(), payload.path("exp").asLong(0), payload.path("jti").asText(""));
        if (payload.has("exp") && (!payload.path("exp").canConvertToLong() || claims.expiresAt() <= 0)) {
            throw new InvalidTokenException("the token's expiry (exp) is not a time");
        }
        if (!claims.issuer().isEmpty() && !claims.issuer().equals(JwtClaims.ISSUER)) {
            throw new InvalidTokenException("the token was issued by '" + claims.issuer() + "', not by " + JwtClaims.ISSUER);
        }
        if (Instant.ofEpochSecond(claims.issuedAt()).isAfter(now.plus(CLOCK_SKEW))) {
            throw new InvalidTokenException("the token claims to be issued in the future ("
                    + Instant.ofEpochSecond(claims.issuedAt()) + "): check the clocks");
        }
        if (claims.expiry().isPresent() && !now.isBefore(claims.expiry().get())) {
            throw new InvalidTokenException("the token expired at " + claims.expiry().get() + ": ask for a new one");
        }
        return claims;
    }

    private static JsonNode decode(String part, String what) throws InvalidTokenException {
        try {
            JsonNode node = Json.parse(B64D.decode(part));
            if (!node.isObject()) {
                throw new InvalidTokenException("the token's " + what + " is not a JSON object");
            }
            return node;
        } catch (IllegalArgumentException | java.io.IOException e) {
            throw new InvalidTokenException("the token's " + what + " is not base64url-encoded JSON");
        }
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(text.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
