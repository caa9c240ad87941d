package io.hlbridge.http;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.LinkedHashSet;
import java.util.Set;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * A Vert.x whose HTTP servers speak HTTP/1.1 only: every {@code createHttpServer} gets its options with HTTP/2
 * cleartext (the {@code Upgrade: h2c} header and the prior-knowledge preface) turned off. Camel's management server
 * creates its Vert.x server with default options, which accept h2c: behind a proxy that forwards only some paths
 * (say {@code /observe/*}), one upgraded connection then carries requests for any path. Camel takes the Vert.x it finds
 * in the registry, and offers no option for this; hence this proxy, which changes nothing else but watching each
 * connection for requests of {@link AmbiguousLength}.
 */
public final class Http1OnlyVertx implements InvocationHandler {
    private final Vertx vertx;

    private Http1OnlyVertx(Vertx vertx) {
        this.vertx = vertx;
    }

    /** {@code vertx} behind every interface it implements (Vert.x casts to its internal one). */
    public static Vertx of(Vertx vertx) {
        Set<Class<?>> interfaces = new LinkedHashSet<>();
        for (Class<?> c = vertx.getClass(); c != null; c = c.getSuperclass()) {
            collect(c, interfaces);
        }
        return (Vertx) Proxy.newProxyInstance(Vertx.class.getClassLoader(), interfaces.toArray(Class<?>[]::new),
                new Http1OnlyVertx(vertx));
    }

    private static void collect(Class<?> c, Set<Class<?>> into) {
        for (Class<?> i : c.getInterfaces()) {
            if (Modifier.isPublic(i.getModifiers()) && into.add(i)) {
                collect(i, into);
            }
        }
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getName().equals("createHttpServer")) {
            HttpServerOptions options = args != null && args.length > 0 && args[0] instanceof HttpServerOptions o
                    ? new HttpServerOptions(o) : new HttpServerOptions();
            HttpServer server = vertx.createHttpServer(options.setHttp2ClearTextEnabled(false));
            server.connectionHandler(c -> AmbiguousLength.watch(c, options)); // a server's own handler replaces this
            return server;
        }
        if (method.getName().equals("equals") && args != null && args.length == 1) {
            return proxy == args[0] || vertx.equals(args[0]);
        }
        try {
            return method.invoke(vertx, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
