package io.hlbridge.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Blocking HTTP/1.1 exchanges on the caller's thread, over a pool of kept-alive connections (Apache HttpClient 5
 * classic, the client camel-http uses; docs/performance.md says why not {@code java.net.http}). Each exchange has a
 * deadline for the whole of it (waiting for a connection, sending, and reading the answer to its last byte): a
 * server that trickles its answer is cut off when it passes, not only when it stalls. Answers are read up to a size
 * limit. Nothing is done behind the caller's back: no retries, no redirects, no cookies, no cached authentication, no
 * decompression, no system proxy settings. The callers decide all of that.
 */
public final class HttpTransport implements AutoCloseable {
    /** Cancels exchanges past their deadline; one daemon thread for every transport. */
    private static final ScheduledThreadPoolExecutor DEADLINES = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "bridge-http-deadlines");
        t.setDaemon(true);
        return t;
    });

    static {
        DEADLINES.setRemoveOnCancelPolicy(true);
    }

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

    /** An answer longer than the transport takes; the exchange is abandoned before the rest is read. */
    public static final class AnswerTooLarge extends IOException {
        public AnswerTooLarge(String message) {
            super(message);
        }
    }

    private final PoolingHttpClientConnectionManager connections;
    private final CloseableHttpClient http;
    private final RequestConfig requestConfig;
    private final Duration deadline;
    private final long maxAnswerBytes;

    /**
     * @param maxPerHost     connections kept per host (iCloud spreads users over partition hosts, HighLevel has one)
     * @param deadline       the longest one exchange may take, from asking for a connection to the answer's last byte
     * @param maxAnswerBytes the longest answer body read
     */
    public HttpTransport(int maxPerHost, Duration deadline, long maxAnswerBytes) {
        this.deadline = deadline;
        this.maxAnswerBytes = maxAnswerBytes;
        Timeout t = Timeout.of(deadline);
        this.connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(maxPerHost)
                .setMaxConnTotal(4 * maxPerHost)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofMilliseconds(Math.min(10_000, deadline.toMillis())))
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
        this.requestConfig = RequestConfig.custom().setResponseTimeout(t).setConnectionRequestTimeout(t).build();
    }

    /**
     * Sends one request and reads its whole answer. Past the deadline (connecting, waiting or reading) it throws
     * {@link SocketTimeoutException}; a refused connection is a {@link java.net.ConnectException}; an answer over the
     * size limit is {@link AnswerTooLarge}.
     */
    public Answer exchange(String method, URI url, Map<String, String> headers, byte[] body) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, url);
        headers.forEach(request::addHeader);
        if (body != null) {
            request.setEntity(new ByteArrayEntity(body, null)); // Content-Type is whatever the caller's headers say
        }
        HttpClientContext context = HttpClientContext.create();
        context.setRequestConfig(requestConfig);
        ScheduledFuture<?> cutOff = DEADLINES.schedule(request::cancel, deadline.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return http.execute(request, context, response -> new Answer(response.getCode(), response.getHeaders(),
                    read(request, response)));
        } catch (IOException | RuntimeException e) {
            if (request.isCancelled() && !(e instanceof AnswerTooLarge)) {
                SocketTimeoutException late = new SocketTimeoutException(method + " " + url.getPath() + " took longer than "
                        + deadline.toSeconds() + " s");
                late.initCause(e);
                throw late;
            }
            throw e;
        } finally {
            cutOff.cancel(false);
        }
    }

    /** The body, up to the size limit; past it the connection is dropped rather than read to its end. */
    private byte[] read(HttpUriRequestBase request, ClassicHttpResponse response) throws IOException {
        HttpEntity entity = response.getEntity();
        if (entity == null) {
            return new byte[0];
        }
        String tooLarge = null;
        byte[] bytes = null;
        if (entity.getContentLength() > maxAnswerBytes) {
            tooLarge = "the answer is " + entity.getContentLength() + " bytes, more than the " + maxAnswerBytes
                    + " taken";
        } else {
            InputStream in = entity.getContent();
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxAnswerBytes + 1));
            if (bytes.length > maxAnswerBytes) {
                tooLarge = "the answer is longer than the " + maxAnswerBytes + " bytes taken";
            }
        }
        if (tooLarge != null) {
            request.cancel();
            throw new AnswerTooLarge(tooLarge);
        }
        return bytes;
    }

    @Override
    public void close() throws IOException {
        http.close();
        connections.close();
    }
}
