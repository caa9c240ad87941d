package io.hlbridge.karaf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Enumeration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.hlbridge.BridgeApplication;
import org.apache.camel.main.DefaultMainShutdownStrategy;
import org.apache.camel.main.Main;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ManagedService;

/**
 * The bridge as one OSGi bundle (Apache Karaf): Camel and every library it needs are inside the bundle, so one class
 * loader sees them all and Camel's FactoryFinder, the YAML route loader and {@code ServiceLoader} work as on a class
 * path. The configuration is the ConfigAdmin PID {@value #PID} ({@code etc/io.hlbridge.cfg}), laid over the packaged
 * {@code application.properties} and the catalogue's defaults; a changed configuration restarts the bridge. Unless
 * the PID says otherwise the store is an H2 file under Karaf's {@code data/hlbridge/}.
 */
public final class BridgeActivator implements BundleActivator, ManagedService {
    public static final String PID = "io.hlbridge";

    private Bundle bundle;
    private ServiceRegistration<ManagedService> registration;
    private RunningBridge running;
    private boolean stopped;

    @Override
    public void start(BundleContext context) {
        bundle = context.getBundle();
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_PID, PID);
        // ConfigAdmin calls updated() once it has the PID's configuration (or none): the bridge starts there
        registration = context.registerService(ManagedService.class, this, props);
    }

    @Override
    public synchronized void stop(BundleContext context) {
        stopped = true; // an update ConfigAdmin is delivering now must not start the bridge again
        if (registration != null) {
            registration.unregister();
        }
        stopBridge();
    }

    @Override
    public synchronized void updated(Dictionary<String, ?> configuration) {
        if (stopped) {
            return;
        }
        stopBridge();
        running = new RunningBridge(configuration == null ? Map.of() : properties(configuration), routes());
        running.start();
    }

    private void stopBridge() {
        if (running != null) {
            running.stop();
            running = null;
        }
    }

    /**
     * The routes packaged in the bundle, named one by one: Camel's scan for {@code classpath:routes/*.camel.yaml}
     * finds none inside a bundle (it reads file: and jar: URLs, not bundle: ones; tried: "Routes startup (total:0)").
     */
    private String routes() {
        List<String> names = new ArrayList<>();
        Enumeration<java.net.URL> entries = bundle.findEntries("routes", "*.camel.yaml", false);
        for (java.net.URL u : entries == null ? Collections.<java.net.URL>emptyList() : Collections.list(entries)) {
            names.add("classpath:" + u.getPath().substring(1));
        }
        Collections.sort(names);
        return String.join(",", names);
    }

    private static Map<String, String> properties(Dictionary<String, ?> configuration) {
        Map<String, String> out = new TreeMap<>();
        for (Enumeration<String> keys = configuration.keys(); keys.hasMoreElements();) {
            String key = keys.nextElement();
            // ConfigAdmin's and Felix FileInstall's own keys are not the bridge's
            if (!key.startsWith("service.") && !key.startsWith("felix.") && !key.startsWith("component.")) {
                out.put(key, String.valueOf(configuration.get(key)));
            }
        }
        return out;
    }

    /** One run of the bridge's camel-main on its own thread, whose context class loader is the bundle's. */
    private static final class RunningBridge {
        private final Main main;
        private final Thread thread;

        RunningBridge(Map<String, String> configuration, String routes) {
            ClassLoader bundleLoader = BridgeActivator.class.getClassLoader();
            Thread caller = Thread.currentThread();
            ClassLoader previous = caller.getContextClassLoader();
            caller.setContextClassLoader(bundleLoader);
            try {
                main = BridgeApplication.newMain();
            } finally {
                caller.setContextClassLoader(previous);
            }
            if (main.getShutdownStrategy() instanceof DefaultMainShutdownStrategy s) {
                s.disableHangupSupport(); // Karaf stops the bundle before the JVM ends: no shutdown hook of ours
            }
            main.addOverrideProperty("camel.main.routes-include-pattern", routes);
            String karafData = System.getProperty("karaf.data");
            if (karafData != null) { // Karaf's data folder, not whichever folder Karaf was started from
                main.addOverrideProperty("bridge.db.url", "jdbc:h2:file:" + karafData + "/hlbridge/bridge");
            }
            configuration.forEach(main::addOverrideProperty);
            thread = new Thread(() -> {
                try {
                    main.run();
                } catch (Exception e) {
                    BridgeApplication.report(e);
                }
            }, "hlbridge-main");
            thread.setContextClassLoader(bundleLoader);
        }

        void start() {
            thread.start();
        }

        void stop() {
            main.completed();
            try {
                thread.join(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
