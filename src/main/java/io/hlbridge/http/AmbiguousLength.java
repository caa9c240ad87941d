package io.hlbridge.http;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpMessage;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.impl.VertxHttpRequestDecoder;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Marks a request that carried both Content-Length and Transfer-Encoding, so the servers can refuse it and close its
 * connection (RFC 9112 §6.1: the end of its body is ambiguous, the trick of request smuggling). Netty's decoder drops
 * the Content-Length of such a request and reads on, leaving no trace the handlers could see; Vert.x offers no option,
 * so each new connection gets Vert.x's own decoder with this one difference (Vert.x's internal pipeline, pinned by
 * Camel's version; a connection whose pipeline is not the expected one keeps its decoder).
 */
public final class AmbiguousLength {
    /** The header the decoder adds; a client that sends it itself is refused the same way. */
    static final String MARK = "X-Bridge-Ambiguous-Length";

    private AmbiguousLength() {
    }

    /** Replaces the connection's request decoder; call it from the server's connection handler. */
    public static void watch(HttpConnection connection, HttpServerOptions options) {
        if (connection instanceof ConnectionBase base) {
            ChannelPipeline pipeline = base.channel().pipeline();
            if (pipeline.get("httpDecoder") instanceof VertxHttpRequestDecoder
                    && !(pipeline.get("httpDecoder") instanceof Marking)) {
                pipeline.replace("httpDecoder", "httpDecoder", new Marking(options));
            }
        }
    }

    /** Whether the request carried both lengths. */
    public static boolean of(HttpServerRequest request) {
        return request.headers().contains(MARK);
    }

    private static final class Marking extends VertxHttpRequestDecoder {
        Marking(HttpServerOptions options) {
            super(options);
        }

        @Override
        protected void handleTransferEncodingChunkedWithContentLength(HttpMessage message) {
            super.handleTransferEncodingChunkedWithContentLength(message);
            message.headers().set(MARK, "1");
        }
    }
}
