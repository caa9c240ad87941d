package io.hlbridge.busytime;

import io.hlbridge.store.BlockedSlotStore.Slot;

/**
 * One planned change to HighLevel's blocked slots. {@code RECOVER} is a create whose record exists without a slot
 * id (a crash came between POST and record): HighLevel is searched for the slot before posting it again.
 * {@code FORGET} drops our record only (the slot stays in HighLevel: an iCloud deletion under
 * {@code sync.icloud-deletions=ignore}, or an occurrence now in the past).
 */
public record SlotWrite(Action action, Slot slot) {
    public enum Action { CREATE, RECOVER, UPDATE, DELETE, FORGET }
}
