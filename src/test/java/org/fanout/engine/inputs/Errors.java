package org.fanout.engine.inputs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Test helper: asserts a TargetSyntaxException with message fragments and position. */
final class Errors {
    private Errors() {}

    static TargetSyntaxException syntaxError(ThrowingCallable call) {
        TargetSyntaxException e = catchThrowableOfType(TargetSyntaxException.class, call);
        assertThat(e).as("expected a TargetSyntaxException").isNotNull();
        assertThat(e.getMessage()).doesNotStartWith("error:");
        return e;
    }

    /** Asserts the error mentions every fragment and points at {@code position}. */
    static TargetSyntaxException assertSyntaxError(ThrowingCallable call, int position, String... fragments) {
        TargetSyntaxException e = syntaxError(call);
        assertThat(e.getMessage()).contains(fragments);
        assertThat(e.position()).as("position in: " + e.getMessage()).isEqualTo(position);
        if (position >= 0) {
            assertThat(e.getMessage()).endsWith("at position " + position);
        }
        return e;
    }
}
