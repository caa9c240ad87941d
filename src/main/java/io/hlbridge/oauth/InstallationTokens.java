package io.hlbridge.oauth;

import java.io.IOException;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import io.hlbridge.connections.Connection;
import io.hlbridge.connections.ConnectionStatus;
import io.hlbridge.connections.InstallationHolds;
import io.hlbridge.highlevel.AccessTokens;
import io.hlbridge.highlevel.HighLevelApiException;
import io.hlbridge.store.Database;
import io.hlbridge.store.Installation;
import io.hlbridge.store.InstallationStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access tokens of the Marketplace installations, executing {@link RenewalDecision}. A token in memory that is
 * still fresh costs nothing; otherwise the installation's lock is taken (one renewal at a time per installation in
 * this process) and the row is read again. A refresh spends the single-use refresh token, so it runs with the row
 * locked {@code FOR UPDATE} (one at a time across processes too), and the new pair is committed before the new access
 * token is handed out: a crash after HighLevel answered and before the commit is the one window left, and the
 * agency's token closes it where there is one ({@code docs/design.md}, OAuth).
 */
public class InstallationTokens implements AccessTokens, InstallationHolds {
    private static final Logger LOG = LoggerFactory.getLogger(InstallationTokens.class);
    /** How long a refusal is answered from memory before the row is read again (an install elsewhere lifts it). */
    static final long RECHECK_MILLIS = 5_000;
    /** How long work waits for an installation that cannot give a token, and for a location that is not active. */
    static final long WAIT_MILLIS = 60_000;

    private record Token(String access, long expiresAt) {
    }

    private final InstallationStore store;
    private final Database db;
    private final TokenEndpoint endpoint;
    private final long marginMillis;
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Map<String, ConnectionStatus.Problem> refusals = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** Why each location that cannot give a token cannot, and the locations that can (read by {@link #reload}). */
    private volatile Map<String, ConnectionStatus.Problem> holds = Map.of();
    private volatile Set<String> known = Set.of();

    public InstallationTokens(InstallationStore store, Database db, TokenEndpoint endpoint, long marginMillis) {
        this.store = store;
        this.db = db;
        this.endpoint = endpoint;
        this.marginMillis = marginMillis;
        reload();
    }

    @Override
    public String current(String locationId) throws HighLevelApiException, IOException, InterruptedException {
        Token t = tokens.get(locationId);
        long now = System.currentTimeMillis();
        if (fresh(t, now)) {
            return t.access();
        }
        ConnectionStatus.Problem refused = refusals.get(locationId);
        if (refused != null && refused.at() > now - RECHECK_MILLIS) {
            throw notAuthorized(locationId, refused.reason());
        }
        return renew(locationId, null);
    }

    @Override
    public String afterRefusal(String locationId, String refused) throws HighLevelApiException, IOException,
            InterruptedException {
        return renew(locationId, refused);
    }

    /** Renews {@code id}'s tokens now, fresh or not (idle refresh tokens are spent before HighLevel expires them). */
    public void renewNow(String id, String current) throws HighLevelApiException, IOException, InterruptedException {
        renew(id, current);
    }

    /** Renews under the installation's lock; a refused refresh falls back to the agency once. */
    private String renew(String id, String refused) throws HighLevelApiException, IOException, InterruptedException {
        ReentrantLock lock = locks.computeIfAbsent(id, k -> new ReentrantLock());
        lock.lockInterruptibly();
        try {
            Token t = tokens.get(id);
            if (fresh(t, System.currentTimeMillis()) && !t.access().equals(refused)) {
                return t.access(); // another thread renewed it while this one waited
            }
            for (int round = 0;; round++) {
                Installation row = read(id);
                Installation company = row == null || row.companyId() == null ? null : read(row.companyId());
                RenewalDecision.Decision d = RenewalDecision.decide(row, company, System.currentTimeMillis(),
                        marginMillis, refused);
                switch (d.action()) {
                    case USE_STORED:
                        return use(row);
                    case MINT:
                        return mint(row, company);
                    case REFRESH:
                        Optional<String> token = refreshLocked(id, refused);
                        if (token.isPresent()) {
                            return token.get();
                        }
                        if (round > 0) {
                            throw new HighLevelApiException(503, "the token of " + id + " could not be renewed");
                        }
                        continue; // the refresh token was refused and dropped: the agency mints
                    default:
                        refusals.put(id, new ConnectionStatus.Problem(System.currentTimeMillis(), d.reason()));
                        tokens.remove(id);
                        throw notAuthorized(id, d.reason());
                }
            }
        } finally {
            lock.unlock();
        }
    }

    private boolean fresh(Token t, long now) {
        return t != null && t.expiresAt() - marginMillis > now;
    }

    private String use(Installation row) {
        tokens.put(row.resourceId(), new Token(row.accessToken(), row.expiresAt()));
        refusals.remove(row.resourceId());
        return row.accessToken();
    }

    private String mint(Installation row, Installation company) throws HighLevelApiException, IOException,
            InterruptedException {
        String companyToken = current(company.resourceId());
        TokenGrant g;
        try {
            g = endpoint.mintLocationToken(companyToken, company.resourceId(), row.resourceId());
        } catch (TokenRefused e) {
            throw failed(row.resourceId(), e);
        }
        long now = System.currentTimeMillis();
        Installation minted = row.withTokens(g.accessToken(), null, now + g.expiresInSeconds() * 1000, now);
        sql(() -> store.save(minted));
        LOG.info("HighLevel token of location {} minted from agency {}'s", row.resourceId(), company.resourceId());
        return use(minted);
    }

    /**
     * The refresh, with the row locked for the whole exchange: another process that wants it waits, then finds it
     * fresh. Empty when HighLevel refused the refresh token and the agency can mint instead.
     */
    private Optional<String> refreshLocked(String id, String refused) throws HighLevelApiException, IOException {
        Installation[] renewed = {null};
        HighLevelApiException[] failure = {null};
        try {
            db.inTransaction(c -> {
                Installation row = store.locked(c, id).orElse(null);
                Installation company = row == null || row.companyId() == null ? null : store.byId(row.companyId())
                        .orElse(null);
                RenewalDecision.Decision d = RenewalDecision.decide(row, company, System.currentTimeMillis(),
                        marginMillis, refused);
                if (d.action() != RenewalDecision.Action.REFRESH) {
                    renewed[0] = d.action() == RenewalDecision.Action.USE_STORED ? row : null;
                    return; // renewed elsewhere meanwhile, or changed: the caller reads again
                }
                try {
                    TokenGrant g = endpoint.refresh(row.refreshToken(), row.userType());
                    long now = System.currentTimeMillis();
                    renewed[0] = row.withTokens(g.accessToken(), g.refreshToken() != null ? g.refreshToken()
                            : row.refreshToken(), now + g.expiresInSeconds() * 1000, now);
                    store.save(c, renewed[0]);
                } catch (TokenRefused e) {
                    RenewalDecision.OnRefused then = RenewalDecision.onRefused(e.kind(),
                            RenewalDecision.companyUsable(company));
                    long now = System.currentTimeMillis();
                    switch (then) {
                        case MINT_FROM_COMPANY -> {
                            LOG.warn("HighLevel refused the refresh token of {} ({}); its agency {} mints its tokens"
                                    + " from now on", id, e.getMessage(), row.companyId());
                            store.save(c, new Installation(id, row.userType(), row.companyId(),
                                    Installation.State.AUTHORIZED, null, null, null, 0, row.refreshedAt(),
                                    row.installedAt(), now));
                        }
                        case NEEDS_AUTHORIZATION -> {
                            String reason = "HighLevel refused its refresh token (" + e.getMessage() + "): install the"
                                    + " Marketplace app on it again";
                            store.save(c, row.withState(Installation.State.NEEDS_AUTHORIZATION, reason, now));
                            LOG.error("Installation {} needs a new authorization: {}", id, reason);
                            failure[0] = notAuthorized(id, reason);
                        }
                        default -> failure[0] = failed(id, e);
                    }
                } catch (IOException e) {
                    failure[0] = new HighLevelApiException(503, "HighLevel POST /oauth/token for " + id
                            + " failed: " + e.getMessage() + "; the stored tokens are kept and tried again");
                }
            });
        } catch (SQLException e) {
            throw new HighLevelApiException(503, "the installation " + id + " could not be read or stored: "
                    + e.getMessage());
        }
        if (failure[0] != null) {
            if (failure[0] instanceof HighLevelApiException.NotAuthorized n) {
                tokens.remove(id);
                refusals.put(id, new ConnectionStatus.Problem(System.currentTimeMillis(), n.getMessage()));
            }
            throw failure[0];
        }
        // committed: the row as saved (or as found renewed) is what memory holds, with no second read
        return renewed[0] == null ? Optional.empty() : Optional.of(use(renewed[0]));
    }

    private HighLevelApiException failed(String id, TokenRefused e) {
        if (e.kind() == TokenRefused.Kind.LOCATION_NOT_ACTIVE) {
            return new HighLevelApiException.Paused("HighLevel says " + id + " is not active (" + e.getMessage()
                    + "); its work waits and its tokens are kept", System.currentTimeMillis() + WAIT_MILLIS);
        }
        return new HighLevelApiException(503, "the token of " + id + " could not be renewed: " + e.getMessage());
    }

    private static HighLevelApiException.NotAuthorized notAuthorized(String id, String reason) {
        return new HighLevelApiException.NotAuthorized("no HighLevel token for " + id + ": " + reason,
                System.currentTimeMillis() + WAIT_MILLIS);
    }

    private Installation read(String id) throws HighLevelApiException {
        Installation[] row = {null};
        sql(() -> row[0] = store.byId(id).orElse(null));
        return row[0];
    }

    private interface Sql {
        void run() throws SQLException;
    }

    private static void sql(Sql work) throws HighLevelApiException {
        try {
            work.run();
        } catch (SQLException e) {
            throw new HighLevelApiException(503, "the installations could not be read or stored: " + e.getMessage());
        }
    }

    /** This process changed installations (install, uninstall): what memory holds of them is dropped. */
    public void changed(Collection<String> ids) {
        for (String id : ids) {
            tokens.remove(id);
            refusals.remove(id);
        }
        reload();
    }

    // ---- holds ---------------------------------------------------------------------------------------------

    @Override
    public Optional<ConnectionStatus.Problem> held(Connection c) {
        if (!c.usesInstallation()) {
            return Optional.empty();
        }
        Map<String, ConnectionStatus.Problem> h = holds;
        ConnectionStatus.Problem p = h.get(c.locationId());
        if (p != null) {
            return Optional.of(p);
        }
        return known.contains(c.locationId()) ? Optional.empty()
                : Optional.of(new ConnectionStatus.Problem(0, "the Marketplace app is not installed on location "
                + c.locationId() + ": an admin of the location installs it"));
    }

    /** Every location that can give a token now, and why the others cannot. */
    @Override
    public synchronized void reload() {
        Map<String, ConnectionStatus.Problem> h = new HashMap<>();
        Set<String> usable = new HashSet<>();
        try {
            Map<String, Installation> rows = new HashMap<>();
            store.all().forEach(i -> rows.put(i.resourceId(), i));
            for (Installation i : rows.values()) {
                if (i.isCompany()) {
                    continue;
                }
                Installation company = i.companyId() == null ? null : rows.get(i.companyId());
                RenewalDecision.Decision d = RenewalDecision.decide(i, company, 0, 0, null);
                if (d.action() == RenewalDecision.Action.REFUSE) {
                    h.put(i.resourceId(), new ConnectionStatus.Problem(i.updatedAt(), "HighLevel authorization"
                            + " needed: " + d.reason()));
                } else {
                    usable.add(i.resourceId());
                }
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warn("The installations could not be read; their last known states stay in use: {}", e.getMessage());
            return;
        }
        holds = Map.copyOf(h);
        known = Set.copyOf(usable);
    }
}
