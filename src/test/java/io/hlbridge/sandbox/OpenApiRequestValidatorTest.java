package io.hlbridge.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The sandbox's spec check covers the OAuth endpoints' form bodies and headers (oauth.json). */
class OpenApiRequestValidatorTest {
    static final Map<String, List<String>> FORM = Map.of("Content-Type", List.of("application/x-www-form-urlencoded"));

    OpenApiRequestValidator validator() throws Exception {
        return new OpenApiRequestValidator(OpenApiRequestValidator.specOfThisBuild());
    }

    @Test
    void aRefreshFormWithItsRequiredFieldsConforms() throws Exception {
        assertEquals(List.of(), validator().validate("POST", "/oauth/token", Map.of(), FORM,
                "client_id=a-1&client_secret=s&grant_type=refresh_token&refresh_token=r&user_type=Location"));
    }

    @Test
    void aTokenFormWithoutItsClientSecretOrWithAnUnknownGrantTypeBreaksTheSpec() throws Exception {
        List<String> v = validator().validate("POST", "/oauth/token", Map.of(), FORM,
                "client_id=a-1&grant_type=password");
        assertFalse(v.isEmpty(), "violations expected");
        assertTrue(String.join("\n", v).contains("client_secret") || String.join("\n", v).contains("required"),
                String.join("\n", v));
    }

    @Test
    void aLocationTokenRequestNeedsItsVersionHeader() throws Exception {
        assertFalse(validator().validate("POST", "/oauth/locationToken", Map.of(), FORM,
                "companyId=C1&locationId=L1").isEmpty());
    }
}
