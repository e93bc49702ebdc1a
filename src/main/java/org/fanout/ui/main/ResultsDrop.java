package org.fanout.ui.main;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;

/**
 * Drag and drop of a results file onto the main window: one CSV or JSON-lines file is taken and
 * handed to the same open path as File → Open; anything else is not accepted (no drop cursor).
 */
final class ResultsDrop {
    private ResultsDrop() {}

    /** Makes {@code target} accept a dropped results file and pass it to {@code open}. */
    static void install(Node target, Consumer<Path> open) {
        target.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getGestureSource() == null
                    && fileToOpen(files(e.getDragboard())).isPresent()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        target.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            Optional<Path> file = fileToOpen(files(e.getDragboard()));
            file.ifPresent(open);
            e.setDropCompleted(file.isPresent());
            e.consume();
        });
    }

    private static List<File> files(Dragboard board) {
        return board != null && board.hasFiles() ? board.getFiles() : List.of();
    }

    /** The one file to open: exactly one regular file named .csv, .jsonl, .json or .ndjson. */
    static Optional<Path> fileToOpen(List<File> files) {
        if (files.size() != 1 || !files.getFirst().isFile()) return Optional.empty();
        String name = files.getFirst().getName().toLowerCase(Locale.ROOT);
        boolean ours =
                name.endsWith(".csv") || name.endsWith(".jsonl") || name.endsWith(".json") || name.endsWith(".ndjson");
        return ours ? Optional.of(files.getFirst().toPath()) : Optional.empty();
    }
}
