package org.fanout.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.javafx.scene.input.DragboardHelper;
import com.sun.javafx.tk.TKClipboard;
import java.io.File;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import javafx.event.EventType;
import javafx.scene.Node;
import javafx.scene.image.Image;
import javafx.scene.input.DataFormat;
import javafx.scene.input.DragEvent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.TransferMode;
import javafx.stage.Stage;
import javafx.util.Pair;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.export.OutputFormat;
import org.fanout.export.ResultWriter;
import org.fanout.export.ResultWriters;
import org.fanout.ui.GuiTestSupport;
import org.fanout.ui.common.ScanMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** A CSV or JSON-lines results file dropped on the main window opens in the table; other files are refused. */
@ExtendWith(ApplicationExtension.class)
class DropResultsGuiTest extends GuiTestSupport {
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) {
        open(stage);
    }

    @Test
    @Timeout(30)
    void droppedCsvAndJsonLinesFilesOpenInTheTable(FxRobot robot) throws Exception {
        Path csv = write(dir.resolve("dropped.csv"), OutputFormat.CSV);
        Path jsonl = write(dir.resolve("dropped.jsonl"), OutputFormat.JSON);
        for (Path file : List.of(csv, jsonl)) {
            robot.interact(() -> vm.getResults().reset(ScanMode.HTTP)); // empty, other mode
            boolean[] accepted = new boolean[1];
            boolean[] completed = new boolean[1];
            robot.interact(() -> {
                Node root = window.mainView().resultsView().table().getScene().getRoot();
                DragEvent over = drag(DragEvent.DRAG_OVER, file, root);
                root.fireEvent(over);
                accepted[0] = over.isAccepted();
                completed[0] = dropOn(root, file);
            });
            assertThat(accepted[0]).as("drag over with %s", file.getFileName()).isTrue();
            assertThat(completed[0]).as("drop of %s", file.getFileName()).isTrue();
            waitUntil(Duration.ofSeconds(10), () -> vm.getResults().getRowCount() == 3);
            assertThat(fx(() -> vm.getResults().getMode())).isEqualTo(ScanMode.TCP);
            assertThat(fx(() -> vm.getStatus().count("open"))).isEqualTo(2);
            waitUntil(
                    Duration.ofSeconds(5),
                    () -> window.mainView().message().startsWith("Opened 3 rows from " + file.getFileName()));
        }
        // a file of another kind is not taken: nothing opens
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello\n");
        robot.interact(() -> vm.getResults().reset(ScanMode.HTTP));
        boolean[] accepted = new boolean[1];
        robot.interact(() -> {
            Node root = window.mainView().resultsView().table().getScene().getRoot();
            DragEvent over = drag(DragEvent.DRAG_OVER, text, root);
            root.fireEvent(over);
            accepted[0] = over.isAccepted();
        });
        assertThat(accepted[0]).isFalse();
        assertThat(ResultsDrop.fileToOpen(List.of(text.toFile()))).isEmpty();
        assertThat(ResultsDrop.fileToOpen(List.of(csv.toFile(), jsonl.toFile())))
                .isEmpty();
    }

    private static boolean dropOn(Node root, Path file) {
        DragEvent drop = drag(DragEvent.DRAG_DROPPED, file, root);
        root.fireEvent(drop);
        return drop.isDropCompleted();
    }

    /** A drag event from outside the app (no gesture source) carrying {@code file}, as the OS delivers one. */
    private static DragEvent drag(EventType<DragEvent> type, Path file, Node target) {
        Dragboard board = DragboardHelper.createDragboard(new FilesOnly(List.of(file.toFile())));
        return new DragEvent(type, board, 10, 10, 10, 10, TransferMode.COPY, null, target, null);
    }

    /** What the OS hands over for a file dragged from a file manager: a list of files, to copy. */
    private record FilesOnly(List<File> files) implements TKClipboard {
        @Override
        public Set<DataFormat> getContentTypes() {
            return Set.of(DataFormat.FILES);
        }

        @SafeVarargs
        @Override
        public final boolean putContent(Pair<DataFormat, Object>... content) {
            return false;
        }

        @Override
        public Object getContent(DataFormat format) {
            return format.equals(DataFormat.FILES) ? files : null;
        }

        @Override
        public boolean hasContent(DataFormat format) {
            return format.equals(DataFormat.FILES);
        }

        @Override
        public Set<TransferMode> getTransferModes() {
            return Set.of(TransferMode.COPY);
        }

        @Override
        public void setDragView(Image image) {}

        @Override
        public void setDragViewOffsetX(double x) {}

        @Override
        public void setDragViewOffsetY(double y) {}

        @Override
        public Image getDragView() {
            return null;
        }

        @Override
        public double getDragViewOffsetX() {
            return 0;
        }

        @Override
        public double getDragViewOffsetY() {
            return 0;
        }
    }

    private static Path write(Path file, OutputFormat format) throws Exception {
        Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        try (ResultWriter<TcpResult> out = ResultWriters.tcp(format, w, true)) { // closes w too
            out.write(new TcpResult("127.0.0.1", "127.0.0.1", 22, "ssh", TcpState.OPEN, 1, null, null));
            out.write(new TcpResult("127.0.0.1", "127.0.0.1", 80, "http", TcpState.OPEN, 1, null, null));
            out.write(new TcpResult("127.0.0.1", "127.0.0.1", 81, "", TcpState.CLOSED, 1, null, null));
        }
        return file;
    }
}
