package org.fanout.ui.common;

import java.util.function.Function;
import javafx.scene.control.TableCell;

/**
 * A table cell showing a state as a coloured label: its text, plus the style class
 * {@code state-<kind>} that the theme colours (open, closed, filtered, error, 2xx..5xx). The
 * per-port table and the host view differ only in how a value maps to its kind.
 *
 * @param <S> the table's row type
 */
public final class StateCell<S> extends TableCell<S, String> {
    private final Function<String, String> kindOf;
    private String styled;

    /** @param kindOf the kind of a non-empty value, e.g. "open" or "2xx" */
    public StateCell(Function<String, String> kindOf) {
        this.kindOf = kindOf;
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        if (styled != null) {
            getStyleClass().remove(styled);
            styled = null;
        }
        setText(empty ? null : item);
        if (empty || item == null) return;
        styled = "state-" + (item.isEmpty() ? "none" : kindOf.apply(item));
        getStyleClass().add(styled);
    }
}
