package org.fanout.ui.form;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.fanout.engine.job.JobInputs;

/**
 * A whole-number field of the form (Threads, Retries, Repeat every) as the user typed it: its
 * text, why that text is not a count of the field's range (empty when it is, as
 * {@link JobInputs#wholeNumber} checks it), and the last count that was right. The form reads the
 * text on each validation; a text that is wrong stays as typed and holds Start back.
 */
final class CountField {
    final int min;
    final int max;
    private final IntegerProperty value;
    private final StringProperty text;
    private final ReadOnlyStringWrapper error;
    /** True while a typed text sets {@link #value}: the text stays as typed ("08" is not rewritten). */
    private boolean reading;

    CountField(Object bean, String name, int initial, int min, int max) {
        this.min = min;
        this.max = max;
        value = new SimpleIntegerProperty(bean, name, initial);
        text = new SimpleStringProperty(bean, name + "Text", Integer.toString(initial));
        error = new ReadOnlyStringWrapper(bean, name + "Error", "");
        value.addListener((o, was, now) -> {
            if (!reading) text.set(Integer.toString(now.intValue()));
        });
    }

    IntegerProperty value() {
        return value;
    }

    StringProperty text() {
        return text;
    }

    ReadOnlyStringProperty error() {
        return error.getReadOnlyProperty();
    }

    /** Sets the count and its text (a wrong text is replaced even when the count is the same). */
    void set(int count) {
        value.set(count);
        text.set(Integer.toString(count));
    }

    /**
     * Checks the text: a count in range becomes the value, anything else the error. A field not
     * {@code inUse} (Repeat every while Repeat is off) has no error: it cannot hold Start back.
     */
    void read(boolean inUse) {
        try {
            int typed = JobInputs.wholeNumber(text.get(), min, max);
            error.set("");
            if (typed != value.get()) {
                reading = true;
                try {
                    value.set(typed);
                } finally {
                    reading = false;
                }
            }
        } catch (IllegalArgumentException e) {
            error.set(inUse ? e.getMessage() : "");
        }
    }
}
