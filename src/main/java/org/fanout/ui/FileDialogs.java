package org.fanout.ui;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks the user for files; tests pass their own so no native dialog opens. */
public interface FileDialogs {
    /** A file to read, or empty if the user cancelled. */
    Optional<Path> open(String title);

    /**
     * A file to write, or empty if the user cancelled.
     *
     * @param suggestedName e.g. {@code fanout-results.csv}; its extension sets the filter
     */
    Optional<Path> save(String title, String suggestedName);

    /** Native file choosers over the given window. */
    static FileDialogs system(Supplier<Window> owner) {
        return new FileDialogs() {
            @Override
            public Optional<Path> open(String title) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(title);
                File f = chooser.showOpenDialog(owner.get());
                return Optional.ofNullable(f).map(File::toPath);
            }

            @Override
            public Optional<Path> save(String title, String suggestedName) {
                FileChooser chooser = new FileChooser();
                chooser.setTitle(title);
                chooser.setInitialFileName(suggestedName);
                int dot = suggestedName.lastIndexOf('.');
                if (dot >= 0) {
                    String ext = suggestedName.substring(dot + 1);
                    chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(Locale.ROOT) + " files", "*." + ext));
                }
                File f = chooser.showSaveDialog(owner.get());
                return Optional.ofNullable(f).map(File::toPath);
            }
        };
    }
}
