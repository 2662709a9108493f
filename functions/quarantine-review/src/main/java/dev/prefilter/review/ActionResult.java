package dev.prefilter.review;

/**
 * What an action did, for printing and for the console.
 *
 * @param seq the record event that holds the change
 * @param resumed the change was made earlier (by this actor, or abandoned by another) and this run
 *     finished its remaining steps
 * @param alreadyDone this actor had made the change before and every step was finished: nothing was done
 */
public record ActionResult(
        String id,
        String action,
        int seq,
        String at,
        String actor,
        String reason,
        String stateBefore,
        String stateAfter,
        String verdict,
        boolean resumed,
        boolean alreadyDone) {

    /** One line for people: what happened to which record. */
    public String describe() {
        String head = alreadyDone
                ? "nothing to do: " + action + " by you at " + at + " was already complete"
                : (resumed ? "finished the interrupted " + action + " of " + at : action) + ": " + stateBefore + " -> "
                        + stateAfter;
        return head + " (record " + id + ", event " + seq + ", verdict " + verdict + ")";
    }
}
