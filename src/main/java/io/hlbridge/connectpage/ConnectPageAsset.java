package io.hlbridge.connectpage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** {@code GET highlevel.custom-page.path/assets/{asset}}: the page's script and style sheet, and nothing else. */
public final class ConnectPageAsset implements Processor {
    private static final Map<String, String> ASSETS = Map.of("app.js", "text/javascript; charset=utf-8",
            "page.css", "text/css; charset=utf-8");

    private final ConnectPage page;

    ConnectPageAsset(ConnectPage page) {
        this.page = page;
    }

    @Override
    public void process(Exchange exchange) throws IOException {
        String name = exchange.getMessage().getHeader("asset", String.class);
        String type = name == null ? null : ASSETS.get(name);
        if (type == null) {
            exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 404);
            page.secure(exchange.getMessage(), "text/plain; charset=utf-8");
            exchange.getMessage().setBody("not found");
            return;
        }
        try (InputStream in = ConnectPageAsset.class.getResourceAsStream("/connect/" + name)) {
            page.secure(exchange.getMessage(), type);
            exchange.getMessage().setBody(in.readAllBytes());
        }
    }
}
