package io.hlbridge.slotcopies;

import java.net.URI;
import java.util.Optional;

import io.hlbridge.caldav.CalDavClient;
import io.hlbridge.caldav.CalDavException;
import io.hlbridge.caldav.ResourceName;
import io.hlbridge.connections.Connection;
import io.hlbridge.ical.CalendarDocument;
import io.hlbridge.runtime.BridgeMetrics;
import io.hlbridge.store.SlotCopyStore;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the plan to the linked calendar, recording each write as it succeeds: a crash loses at most the write in
 * flight, which the next round plans again. A slot's event lives at {@code hl-slot-<id>.ics} under its UID, so a
 * write repeated after a crash replaces the event it made instead of adding a second; the bridge owns these events,
 * so a PUT whose precondition fails (the user edited or deleted it, or a crash came between write and record) is
 * made again on what is there now.
 */
public class WriteSlotCopies implements Processor {
    private static final Logger LOG = LoggerFactory.getLogger(WriteSlotCopies.class);

    private final CalDavClient caldav;
    private final SlotCopyStore store;
    private final BridgeMetrics metrics;

    public WriteSlotCopies(CalDavClient caldav, SlotCopyStore store, BridgeMetrics metrics) {
        this.caldav = caldav;
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        SlotCopyPoll poll = SlotCopyPoll.of(exchange);
        Connection c = poll.connection();
        for (SlotCopyPoll.Write w : poll.writes) {
            String id = w.slot() != null ? w.slot().id() : w.copy().slotId();
            switch (w.action()) {
                case FORGET -> store.delete(c.name(), id);
                case DELETE -> {
                    caldav.delete(c, URI.create(w.copy().href()), null);
                    store.delete(c.name(), id);
                    LOG.info("{}: slot {} is gone from HighLevel; its busy event is deleted", poll, id);
                }
                case MOVE -> {
                    caldav.delete(c, URI.create(w.copy().href()), null);
                    put(poll, w, null);
                }
                case CREATE -> put(poll, w, null);
                case UPDATE, RESTORE -> put(poll, w, w.copy());
                default -> throw new IllegalStateException("not a write: " + w.action());
            }
            metrics.increment(BridgeMetrics.SLOT_COPIES, switch (w.action()) {
                case CREATE -> "created";
                case UPDATE -> "updated";
                case RESTORE -> "restored";
                case MOVE -> "moved";
                case DELETE -> "deleted";
                default -> "forgotten";
            });
        }
    }

    private void put(SlotCopyPoll poll, SlotCopyPoll.Write w, SlotCopyStore.Copy kept) throws Exception {
        Connection c = poll.connection();
        URI href = kept != null ? URI.create(kept.href()) : poll.linkedCalendar.resolve(ResourceName.of("hl-slot-", w.slot().id()));
        CalendarDocument event = w.event();
        String etag;
        try {
            etag = caldav.put(c, href, event.ics(), kept == null ? null : kept.etag());
        } catch (CalDavException.PreconditionFailed e) {
            etag = caldav.put(c, href, event.ics(), current(c, href).orElse(null));
        }
        store.save(new SlotCopyStore.Copy(c.name(), w.slot().id(), poll.linkedCalendar.toString(), href.toString(),
                etag, event.contentHash(), w.slot().end().toEpochMilli()), System.currentTimeMillis());
        LOG.info("{}: slot {} {} as a busy event ({} - {})", poll, w.slot().id(), switch (w.action()) {
            case CREATE -> "copied";
            case MOVE -> "moved to the linked calendar";
            case RESTORE -> "restored (it was changed in iCloud; HighLevel owns it)";
            default -> "updated";
        }, w.slot().start(), w.slot().end());
    }

    /** The ETag of what is at {@code href} now; empty when nothing is. */
    private Optional<String> current(Connection c, URI href) throws CalDavException {
        return caldav.get(c, href).map(a -> a.etag() != null ? a.etag() : etagOf(c, href));
    }

    private String etagOf(Connection c, URI href) {
        try {
            return caldav.etag(c, href);
        } catch (CalDavException e) {
            return null;
        }
    }
}
