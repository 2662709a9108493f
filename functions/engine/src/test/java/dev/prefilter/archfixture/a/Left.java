package dev.prefilter.archfixture.a;

import dev.prefilter.archfixture.b.Right;

/** Half of a deliberate package cycle: the architecture test proves its cycle rule can fail. */
public final class Left {

    public Right partner() {
        return new Right();
    }
}
