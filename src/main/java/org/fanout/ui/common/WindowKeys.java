package org.fanout.ui.common;

import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** Keys every secondary window (History, Compare) answers the same way. */
public final class WindowKeys {
    /** Ctrl+W (Cmd+W on macOS) closes the window, as in a browser or an editor. */
    public static final KeyCombination CLOSE = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);

    private WindowKeys() {}

    /** Makes {@link #CLOSE} hide the window that shows {@code scene}. */
    public static void closeWith(Scene scene) {
        scene.getAccelerators().put(CLOSE, () -> {
            if (scene.getWindow() != null) scene.getWindow().hide();
        });
    }
}
