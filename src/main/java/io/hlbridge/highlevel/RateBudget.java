package io.hlbridge.highlevel;

/**
 * A location's HighLevel budget as spent by every node on the store, on top of this process's
 * {@link LocationRateLimiter}: {@link #take} before a request goes out, {@link #settle} once its answer came (or
 * none will).
 */
public interface RateBudget {
    /** One process alone on its store: its own limiter is the whole budget. */
    RateBudget NONE = new RateBudget() {
        @Override
        public String take(String locationId) {
            return null;
        }

        @Override
        public void settle(String locationId, String slot) {
        }
    };

    /** Blocks until the nodes together may send one more request for the location; returns its slot. */
    String take(String locationId) throws InterruptedException, java.io.IOException;

    /** The request of {@code slot} has its answer (or failed): it counts for one window from now. */
    void settle(String locationId, String slot);
}
