package dev.prefilter.archfixture.b;

import dev.prefilter.archfixture.a.Left;

/** The other half of the deliberate package cycle. */
public final class Right {

    public Left partner() {
        return new Left();
    }
}
