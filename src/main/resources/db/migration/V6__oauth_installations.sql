-- HighLevel Marketplace (OAuth) installations: one row per location or company (agency) the app is installed on.
-- access_token and refresh_token hold AES-GCM ciphertext (store.SecretBox). A location installed through its
-- agency has company_id set and no refresh token: its access tokens are minted from the company's.
CREATE TABLE oauth_installation (
    resource_id   VARCHAR(100)  PRIMARY KEY,
    user_type     VARCHAR(10)   NOT NULL,
    company_id    VARCHAR(100),
    state         VARCHAR(20)   NOT NULL,
    reason        VARCHAR(1000),
    access_token  VARCHAR(8000),
    refresh_token VARCHAR(8000),
    expires_at    BIGINT        DEFAULT 0 NOT NULL,
    refreshed_at  BIGINT        DEFAULT 0 NOT NULL,
    installed_at  BIGINT        NOT NULL,
    updated_at    BIGINT        NOT NULL
);
CREATE INDEX oauth_installation_company ON oauth_installation (company_id);
