package io.hlbridge.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Blocking HTTP/1.1 exchanges on the caller's thread, over a pool of kept-alive connections (Apache HttpClient 5
 * classic, the client camel-http uses). The bridge's workers wait for each answer anyway; {@code java.net.http} hands
 * every exchange to its selector thread and a worker pool and back, which cost CPU per request (docs/performance.md).
 * Nothing is done behind the caller's back: no retries, no redirects, no cookies, no cached authentication, no
 * decompression, no system proxy settings. The callers decide all of that.
 */
public final class HttpTransport implements AutoCloseable {
    /** A whole answer: its body is read before the connection goes back to the pool. */
    public record Answer(int status, Header[] headers, byte[] body) {
        /** The first value of a header, by case-insensitive name. */
        public Optional<String> header(String name) {
            for (Header h : headers) {
                if (h.getName().equalsIgnoreCase(name)) {
                    return Optional.of(h.getValue());
                }
            }
            return Optional.empty();
        }
    }

    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient http;
    private final RequestConfig requestConfig;

    /**
     * @param maxPerHost connections kept per host (iCloud spreads users over partition hosts, HighLevel has one)
     * @param timeout    the longest wait for a pooled connection, and for the answer's next bytes (connecting: 10 s)
     */
    public HttpTransport(int maxPerHost, Duration timeout) {
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(maxPerHost)
                .setMaxConnTotal(4 * maxPerHost)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(10))
                        // a connection idle this long is checked before reuse: servers close idle ones
                        .setValidateAfterInactivity(TimeValue.ofSeconds(2))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .disableAutomaticRetries() // a POST answered 429 or cut off must not be sent again unseen
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .build();
        Timeout t = Timeout.of(timeout);
        this.requestConfig = RequestConfig.custom().setResponseTimeout(t).setConnectionRequestTimeout(t).build();
    }

    /**
     * Sends one request and reads its whole answer. A timeout (connecting or waiting) surfaces as {@link java.net.SocketTimeoutException},
     * a refused connection as {@link java.net.ConnectException}.
     */
    public Answer exchange(String method, URI url, Map<String, String> headers, byte[] body) throws IOException {
        BasicClassicHttpRequest request = new BasicClassicHttpRequest(method, url);
        headers.forEach(request::addHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, null)); // Content-Type is whatever the caller's headers say
        }
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(requestConfig);
        return http.execute(request, context, response -> new Answer(response.getCode(), response.getHeaders(),
                response.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(response.getEntity())));
    }

    @Override
    public void close() throws IOException {
        http.close();
        connections.close();
    }
}
