package dev.prefilter.engine.content;

/** Decides how many more bytes a spool may keep; the engine's limits implement it. */
@FunctionalInterface
public interface SpoolBudget {

    /**
     * @param soFar bytes already kept for this node
     * @param wanted bytes in the next chunk
     * @return how many of {@code wanted} may be kept; fewer ends the spool as truncated
     */
    long allow(long soFar, int wanted);

    SpoolBudget UNLIMITED = (soFar, wanted) -> wanted;
}
