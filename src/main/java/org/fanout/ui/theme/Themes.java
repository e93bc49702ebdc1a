package org.fanout.ui.theme;

import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.application.ColorScheme;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.scene.Scene;

/**
 * The chosen {@link Theme}, remembered in the preferences, and the scenes that follow it: dark
 * adds {@code dark.css} over the light stylesheets (every colour the light ones set, charts and
 * state colours included, has its dark counterpart there). "System" follows the desktop's colour
 * scheme as JavaFX reports it, and changes with it. FX thread.
 */
public final class Themes {
    public static final String PREF_KEY = "theme";
    /** The app's own stylesheet, under every window's scene (light colours; dark.css overrides them). */
    public static final String BASE_CSS = Themes.class.getResource("fanout.css").toExternalForm();

    public static final String DARK_CSS = Themes.class.getResource("dark.css").toExternalForm();

    private final ObjectProperty<Theme> theme = new SimpleObjectProperty<>(this, "theme", Theme.SYSTEM);
    private final ReadOnlyBooleanWrapper dark = new ReadOnlyBooleanWrapper(this, "dark", false);
    private final List<Scene> scenes = new ArrayList<>();
    private final Preferences prefs;

    /** @param prefs where the choice is remembered; null remembers nothing */
    public Themes(Preferences prefs) {
        this.prefs = prefs;
        if (prefs != null) {
            try {
                theme.set(Theme.parse(prefs.get(PREF_KEY, Theme.SYSTEM.label())));
            } catch (IllegalArgumentException ignored) {
                // an edited value: follow the system
            }
        }
        theme.addListener((o, was, now) -> {
            if (prefs != null) prefs.put(PREF_KEY, now.label());
            update();
        });
        Platform.getPreferences().colorSchemeProperty().addListener((o, was, now) -> update());
        update();
    }

    public ObjectProperty<Theme> themeProperty() {
        return theme;
    }

    public Theme getTheme() {
        return theme.get();
    }

    public void setTheme(Theme value) {
        theme.set(value);
    }

    /** Whether the dark colours are in use now. */
    public ReadOnlyBooleanProperty darkProperty() {
        return dark.getReadOnlyProperty();
    }

    public boolean isDark() {
        return dark.get();
    }

    /** Makes {@code scene} follow the theme from now on. */
    public void follow(Scene scene) {
        if (!scenes.contains(scene)) scenes.add(scene);
        style(scene);
    }

    private void update() {
        Theme t = theme.get();
        dark.set(t == Theme.DARK
                || t == Theme.SYSTEM && Platform.getPreferences().getColorScheme() == ColorScheme.DARK);
        for (Scene s : scenes) style(s);
    }

    private void style(Scene scene) {
        scene.getStylesheets().remove(DARK_CSS);
        if (dark.get()) scene.getStylesheets().add(DARK_CSS);
    }
}
