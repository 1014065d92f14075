/**
 * The session's epoch. A sign-out (in this tab or another), a sign-in and `destroy()` each end
 * the current epoch. Whatever leaves for the portal on behalf of the session (a silent refresh, a
 * code exchange, a federated `generateToken`) marks the epoch first and, when the answer is back,
 * asks the mark whether that epoch is still current. An answer from an ended epoch belongs to a
 * session that is gone: it is dropped (its tokens revoked, see `discard.ts`), never stored,
 * announced or handed to a waiter.
 */

/** True while the epoch that was marked is still the current one. */
export type EpochCheck = () => boolean;

/** The epoch of one shell's session. */
export interface SessionEpoch {
  /** Marks the current epoch: "is this still the epoch I left under?" */
  mark(): EpochCheck;
  /** Ends the current epoch: every mark taken so far reads false from now on. */
  end(): void;
}

/** Creates the epoch counter of one shell. */
export function createSessionEpoch(): SessionEpoch {
  let epoch = 0;
  return {
    mark() {
      const leftUnder = epoch;
      return () => leftUnder === epoch;
    },
    end() {
      epoch += 1;
    },
  };
}
