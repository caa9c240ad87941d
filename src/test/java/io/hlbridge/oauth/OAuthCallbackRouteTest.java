package io.hlbridge.oauth;

import static io.hlbridge.oauth.OAuthSteps.CALLBACK_REQUEST;
import static io.hlbridge.oauth.OAuthSteps.CODE_EXCHANGE;
import static io.hlbridge.oauth.OAuthSteps.INSTALLED_LOCATIONS;
import static io.hlbridge.oauth.OAuthSteps.INSTALLED_PAGE;
import static io.hlbridge.oauth.OAuthSteps.LOCATION_USERS;
import static io.hlbridge.oauth.OAuthSteps.STORE_INSTALLATION;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.hlbridge.config.UserType;
import io.hlbridge.testing.RouteRun;
import org.apache.camel.BeanInject;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The route file routes/oauth-callback.camel.yaml itself, fast: stand-in steps record that they ran, and answer the
 * browser early where a row says; the gate after that step ends the callback, so no HighLevel request follows a refused
 * state or a refused code. RadicaleMarketplaceAppTest runs the same route with the real steps against the sandbox.
 */
@CamelMainTest(properties = {"camel.main.routes-include-pattern=file:routes/oauth-callback.camel.yaml",
        "highlevel.oauth.callback-path=/oauth/callback"}, replaceRouteFromWith = {"oauth-callback=direct:callback"},
        configurationClasses = OAuthCallbackRouteTest.StandIns.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuthCallbackRouteTest {
    static final List<String> STEPS = List.of(CALLBACK_REQUEST, CODE_EXCHANGE, INSTALLED_LOCATIONS, STORE_INSTALLATION,
            LOCATION_USERS, INSTALLED_PAGE);
    static final Set<String> ANSWERS = ConcurrentHashMap.newKeySet();
    static final List<String> RAN = Collections.synchronizedList(new ArrayList<>());

    public static class StandIns implements CamelConfiguration {
        @Override
        public void configure(CamelContext context) {
            for (String step : STEPS) {
                context.getRegistry().bind(step, (Processor) exchange -> {
                    if (step.equals(CALLBACK_REQUEST)) {
                        exchange.setVariable(InstallCallback.VARIABLE, new InstallCallback("code", UserType.LOCATION));
                    }
                    RAN.add(step);
                    if (ANSWERS.contains(step)) {
                        InstallCallback.of(exchange).answer(exchange, 400, "Refused", "<p>refused</p>");
                    }
                });
            }
        }
    }

    @BeanInject
    CamelContext context;

    @BeforeEach
    void clear() {
        ANSWERS.clear();
        RAN.clear();
    }

    @Test
    void aGoodCallbackRunsEveryStepInOrder() throws Exception {
        RouteRun.send(context, "direct:callback", "");
        assertEquals(STEPS, RAN);
    }

    @ParameterizedTest(name = "answered by {0}: nothing after it runs")
    @ValueSource(strings = {CALLBACK_REQUEST, CODE_EXCHANGE})
    void aStepThatAnswersTheBrowserEndsTheCallback(String step) throws Exception {
        ANSWERS.add(step);
        RouteRun.send(context, "direct:callback", "");
        assertEquals(STEPS.subList(0, STEPS.indexOf(step) + 1), RAN);
    }
}
