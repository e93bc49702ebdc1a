package org.fanout.ui.fx;

/** How a background job handed over by a {@link BatchingAdapter} ended. */
public enum Ending {
    FINISHED,
    STOPPED,
    FAILED
}
