package io.hlbridge.connectpage;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionDirectory;
import io.hlbridge.highlevel.HighLevelApiException;
import io.hlbridge.highlevel.HighLevelClient;
import io.hlbridge.highlevel.UserContext;
import io.hlbridge.highlevel.UserContextCipher;
import io.hlbridge.store.InstallationStore;
import org.apache.camel.Message;

/**
 * Who is asking, on the connect page. A visitor signs in with the user context HighLevel's shell gave the page: it must
 * decrypt under the app's Shared Secret, name a user, name a location the bridge serves (the app is installed there,
 * or a connection configures that location's own token), and that user must be one of the location's users as
 * HighLevel lists them. Any failure is the same refusal (the format has no MAC: telling bad padding from bad JSON
 * would make this a padding oracle). A signed-in visitor gets a session of the bridge's own: a random token, held by
 * the page in memory and sent as a header (cookies are unreliable in a cross-site iframe), that lasts
 * {@code highlevel.custom-page.session-life}.
 */
public final class PageVisitors {
    /** A location's users as HighLevel listed them; a user added in HighLevel waits at most this long. */
    static final Duration USERS_KEPT = Duration.ofMinutes(5);

    /** What signing in gave: a session, or that the page was opened outside a sub-account. */
    public sealed interface SignIn permits Session, AgencyView {
    }

    /** A signed-in visitor. */
    public record Session(String token, UserContext user) implements SignIn {
        @Override
        public String toString() {
            return "Session[" + user.userId() + "@" + user.activeLocation() + "]"; // never the token
        }
    }

    /** The page was opened in the agency view, where no location (so no user of one) is open. */
    public record AgencyView(UserContext user) implements SignIn {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final UserContextCipher cipher;
    private final ConnectionDirectory directory;
    private final InstallationStore installations;
    private final HighLevelClient highLevel;
    private final Cache<String, Session> sessions;
    private final Cache<String, List<JsonNode>> usersOf = Caffeine.newBuilder().expireAfterWrite(USERS_KEPT)
            .maximumSize(10_000).build();

    public PageVisitors(UserContextCipher cipher, ConnectionDirectory directory, InstallationStore installations,
            HighLevelClient highLevel, Duration sessionLife) {
        this.cipher = cipher;
        this.directory = directory;
        this.installations = installations;
        this.highLevel = highLevel;
        this.sessions = Caffeine.newBuilder().expireAfterWrite(sessionLife).maximumSize(100_000).build();
    }

    /** Signs the payload's user in; empty for every payload that does not prove who is asking. */
    public Optional<SignIn> signIn(String payload) throws Exception {
        Optional<UserContext> user = cipher.decrypt(payload).flatMap(UserContext::parse);
        if (user.isEmpty()) {
            return Optional.empty();
        }
        if (!user.get().inLocation()) {
            return Optional.of(new AgencyView(user.get()));
        }
        Optional<Connection> probe = served(user.get().activeLocation());
        if (probe.isEmpty() || usersOf(probe.get()).stream().noneMatch(u -> u.path("id").asText()
                .equals(user.get().userId()))) {
            return Optional.empty();
        }
        byte[] token = new byte[32];
        RANDOM.nextBytes(token);
        Session s = new Session(Base64.getUrlEncoder().withoutPadding().encodeToString(token), user.get());
        sessions.put(s.token(), s);
        return Optional.of(s);
    }

    /** The session a request's bearer token names, while it lasts. */
    public Optional<Session> session(String token) {
        return token == null || token.isEmpty() ? Optional.empty() : Optional.ofNullable(sessions.getIfPresent(token));
    }

    /** The session of a request to the page: its {@code Authorization: Bearer} header, nothing else. */
    Optional<Session> session(Message request) {
        String authorization = request.getHeader("Authorization", String.class);
        return authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? session(authorization.substring(7).trim()) : Optional.empty();
    }

    /** The HighLevel token a new connection of the location uses: the serving connection's own, or the installation's. */
    String highLevelToken(String locationId) throws Exception {
        return served(locationId).map(Connection::highLevelToken).orElse("");
    }

    /** Ends a session (sign-out, or a connection removed under it). */
    public void end(String token) {
        sessions.invalidate(token);
    }

    /**
     * How the bridge reaches HighLevel for the location: a connection there with its own token, else the app's
     * installation on it; empty when it serves the location neither way.
     */
    private Optional<Connection> served(String locationId) throws Exception {
        Optional<Connection> own = directory.anyIn(locationId)
                .filter(c -> c.highLevelToken() != null && !c.highLevelToken().isEmpty());
        if (own.isPresent()) {
            return own;
        }
        if (installations.byId(locationId).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Connection("connect-page", locationId, "", "", "", "", "", List.of(), null, null));
    }

    /**
     * The location's users as HighLevel lists them; none when HighLevel refuses the bridge that location (its token
     * revoked, the app uninstalled): then nobody of it signs in. Other failures (HighLevel down) are thrown.
     */
    private List<JsonNode> usersOf(Connection probe) throws Exception {
        List<JsonNode> users = usersOf.getIfPresent(probe.locationId());
        if (users == null) {
            try {
                users = List.copyOf(highLevel.listUsers(probe));
            } catch (HighLevelApiException e) {
                if (e.status() != 401 && e.status() != 403 && e.status() != 404) {
                    throw e;
                }
                users = List.of();
            }
            usersOf.put(probe.locationId(), users);
        }
        return users;
    }

    /** The users of a location the bridge serves, as HighLevel lists them (kept a few minutes): an admin's view. */
    List<JsonNode> usersOf(String locationId) throws Exception {
        Optional<Connection> probe = served(locationId);
        return probe.isEmpty() ? List.of() : usersOf(probe.get());
    }
}
