package io.hlbridge.config;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A map whose entries expire after a fixed time; lookups that miss call the loader. */
public final class TtlCache<K, V> {

    /** Loads a value; may throw what the caller throws. */
    public interface Loader<K, V> {
        V load(K key) throws Exception;
    }

    private record Entry<V>(V value, long until) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private volatile Duration ttl;

    public TtlCache(Duration ttl) {
        this.ttl = ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    public V get(K key, Loader<K, V> loader) throws Exception {
        long now = System.currentTimeMillis();
        Entry<V> e = entries.get(key);
        if (e != null && e.until > now) {
            return e.value;
        }
        V v = loader.load(key);
        entries.put(key, new Entry<>(v, now + ttl.toMillis()));
        return v;
    }

    public void invalidate(K key) {
        entries.remove(key);
    }
}
