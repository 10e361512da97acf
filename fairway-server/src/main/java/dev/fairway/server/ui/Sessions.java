package dev.fairway.server.ui;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Login sessions as signed cookies ({@code id.expiry.passwordChangedAt.signature}, HMAC-SHA256
 * with the key in the admin Secret), so that every replica and every restart accepts them. A
 * password reset ends all sessions (the timestamp no longer matches); logout ends one (its id is
 * remembered as revoked until it would have expired anyway).
 */
public final class Sessions {

    public static final String COOKIE = "fairway_session";
    /** Argo CD's default session length. */
    public static final Duration LIFETIME = Duration.ofHours(24);

    /** A verified session; {@code csrf} must accompany every state-changing request it makes. */
    public record Session(String id, String user, Instant expires, String csrf) {}

    private final Supplier<Optional<AdminAccount.Credentials>> account;
    private final Clock clock;
    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();

    /** @param account the admin account's current credentials (read on every check, so a reset counts at once) */
    public Sessions(Supplier<Optional<AdminAccount.Credentials>> account, Clock clock) {
        this.account = account;
        this.clock = clock;
    }

    /** A new session's cookie value, for the user who just logged in. */
    public String create(String user) {
        AdminAccount.Credentials c = account.get().orElseThrow(() -> new IllegalStateException(
                "the Secret " + AdminAccount.SECRET + " is missing: run fairway admin reset-password"));
        byte[] raw = new byte[18];
        new SecureRandom().nextBytes(raw);
        String id = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        String payload = id + "." + clock.instant().plus(LIFETIME).getEpochSecond() + "." + c.changedAt().toEpochMilli();
        return payload + "." + sign(c.sessionKey(), "session:" + user + ":" + payload);
    }

    /** The session of a cookie value, if it is genuine, current and not logged out. */
    public Optional<Session> verify(String cookie) {
        if (cookie == null) {
            return Optional.empty();
        }
        String[] p = cookie.split("\\.");
        Optional<AdminAccount.Credentials> creds = account.get();
        if (p.length != 4 || creds.isEmpty()) {
            return Optional.empty();
        }
        AdminAccount.Credentials c = creds.get();
        String payload = p[0] + "." + p[1] + "." + p[2];
        String expected = sign(c.sessionKey(), "session:" + AdminAccount.USER + ":" + payload);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), p[3].getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        Instant expires;
        try {
            expires = Instant.ofEpochSecond(Long.parseLong(p[1]));
            if (Long.parseLong(p[2]) != c.changedAt().toEpochMilli()) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(expires) || revoked.containsKey(p[0])) {
            return Optional.empty();
        }
        return Optional.of(new Session(p[0], AdminAccount.USER, expires, sign(c.sessionKey(), "csrf:" + p[0])));
    }

    /** Ends a session now (logout). */
    public void revoke(Session session) {
        Instant now = clock.instant();
        for (Iterator<Map.Entry<String, Instant>> it = revoked.entrySet().iterator(); it.hasNext(); ) {
            if (it.next().getValue().isBefore(now)) {
                it.remove();
            }
        }
        revoked.put(session.id(), session.expires());
    }

    /** Compares a request's CSRF token with the session's, in constant time. */
    public static boolean csrfMatches(Session session, String token) {
        return token != null && MessageDigest.isEqual(session.csrf().getBytes(StandardCharsets.US_ASCII),
                token.getBytes(StandardCharsets.US_ASCII));
    }

    private static String sign(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
