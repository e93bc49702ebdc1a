package org.fanout.ui.common;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.prefs.Preferences;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** Asks the user for files; tests pass their own so no native dialog opens. */
public interface FileDialogs {
    /** Preferences key of the folder the last dialog chose a file in. */
    String LAST_FOLDER = "dialogs.lastFolder";

    /** A file to read, or empty if the user cancelled. */
    Optional<Path> open(String title);

    /**
     * A file to write, or empty if the user cancelled.
     *
     * @param suggestedName e.g. {@code fanout-results.csv}; its extension sets the filter
     */
    Optional<Path> save(String title, String suggestedName);

    /**
     * A file to write, offering one filter per extension (the first matches the suggested name);
     * the caller picks the format from the chosen file's extension.
     */
    default Optional<Path> save(String title, String suggestedName, List<String> extensions) {
        return save(title, suggestedName);
    }

    /** The same dialogs over another window (the Compare window's own dialogs). */
    default FileDialogs over(Supplier<Window> owner) {
        return this;
    }

    /** Native file choosers over the given window, starting in the last used folder (else home). */
    static FileDialogs system(Supplier<Window> owner) {
        return system(owner, null);
    }

    /** As {@link #system(Supplier)}, remembering the last folder in {@code prefs} too (may be null). */
    static FileDialogs system(Supplier<Window> owner, Preferences prefs) {
        return new SystemDialogs(owner, prefs);
    }

    /** FileChooser-based dialogs; the last folder is shared by every window's dialogs. */
    final class SystemDialogs implements FileDialogs {
        private static volatile Path lastFolder;
        private final Supplier<Window> owner;
        private final Preferences prefs;

        private SystemDialogs(Supplier<Window> owner, Preferences prefs) {
            this.owner = owner;
            this.prefs = prefs;
        }

        @Override
        public Optional<Path> open(String title) {
            FileChooser chooser = chooser(title);
            return remember(chooser.showOpenDialog(owner.get()));
        }

        @Override
        public Optional<Path> save(String title, String suggestedName) {
            int dot = suggestedName.lastIndexOf('.');
            return save(title, suggestedName, dot >= 0 ? List.of(suggestedName.substring(dot + 1)) : List.of());
        }

        @Override
        public Optional<Path> save(String title, String suggestedName, List<String> extensions) {
            FileChooser chooser = chooser(title);
            chooser.setInitialFileName(suggestedName);
            for (String ext : extensions) {
                chooser.getExtensionFilters()
                        .add(new FileChooser.ExtensionFilter(ext.toUpperCase(Locale.ROOT) + " files", "*." + ext));
            }
            return remember(chooser.showSaveDialog(owner.get()));
        }

        @Override
        public FileDialogs over(Supplier<Window> otherOwner) {
            return new SystemDialogs(otherOwner, prefs);
        }

        /** The folder a dialog starts in: the last used one if it still exists, else the home folder. */
        Path startFolder() {
            Path last = lastFolder;
            if (last == null && prefs != null) {
                String saved = prefs.get(LAST_FOLDER, null);
                if (saved != null) last = Path.of(saved);
            }
            if (last != null && Files.isDirectory(last)) return last;
            return Path.of(System.getProperty("user.home"));
        }

        private FileChooser chooser(String title) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(title);
            Path start = startFolder();
            if (Files.isDirectory(start)) chooser.setInitialDirectory(start.toFile());
            return chooser;
        }

        private Optional<Path> remember(File chosen) {
            if (chosen == null) return Optional.empty();
            Path folder = chosen.toPath().toAbsolutePath().getParent();
            if (folder != null) {
                lastFolder = folder;
                if (prefs != null) prefs.put(LAST_FOLDER, folder.toString());
            }
            return Optional.of(chosen.toPath());
        }
    }
}
