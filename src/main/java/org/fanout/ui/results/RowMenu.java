package org.fanout.ui.results;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import org.fanout.engine.probe.HttpResult;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.engine.probe.TcpResult;
import org.fanout.engine.probe.TcpState;
import org.fanout.export.CellSafety;
import org.fanout.ui.common.ScanMode;
import org.fanout.ui.main.AppMenus;

/**
 * The results table's right-click menu: copy rows, IPs, {@code host:port} or URLs; open a web
 * row in the browser; rescan the selected rows; filter by the clicked cell's value.
 */
public final class RowMenu {
    /** Ports a browser is offered for (besides a service named http/https). */
    static final Set<Integer> WEB_PORTS = Set.of(80, 443, 3000, 5000, 8000, 8008, 8080, 8081, 8443, 8888, 9000, 9443);

    private static final Set<Integer> TLS_PORTS = Set.of(443, 8443, 9443);

    /** What the menu asks of the window: opening a browser and rescanning. */
    public interface Actions {
        void openInBrowser(String url);

        void rescan(List<ProbeResult> rows);
    }

    private final TableView<ProbeResult> table;
    private final ResultsViewModel viewModel;
    private Actions actions = new Actions() {
        @Override
        public void openInBrowser(String url) {}

        @Override
        public void rescan(List<ProbeResult> rows) {}
    };
    private String clickedValue = "";
    private ProbeResult clickedRow;

    final MenuItem copyRows = item("copyRowsItem", "Copy selected rows");
    final MenuItem copyIp = item("copyIpItem", "Copy IP");
    final MenuItem copyHostPort = item("copyHostPortItem", "Copy host:port");
    final MenuItem copyUrl = item("copyUrlItem", "Copy URL");
    final MenuItem openBrowser = item("openBrowserItem", "Open in browser");
    final MenuItem rescan = item("rescanRowsItem", "Rescan selected rows");
    final MenuItem filterBy = item("filterByItem", "Filter by this value");
    final MenuItem selectAll = item("selectAllItem", "Select all");

    RowMenu(TableView<ProbeResult> table, ResultsViewModel viewModel, Runnable copySelected) {
        this.table = table;
        this.viewModel = viewModel;
        copyRows.setAccelerator(AppMenus.COPY);
        copyRows.setOnAction(e -> copySelected.run());
        copyIp.setOnAction(e -> copy(selectedLines(RowMenu::ip)));
        copyHostPort.setOnAction(e -> copy(selectedLines(RowMenu::hostPort)));
        copyUrl.setOnAction(e -> copy(selectedLines(RowMenu::url)));
        openBrowser.setOnAction(e -> {
            String url = url(target());
            if (url != null) actions.openInBrowser(url);
        });
        rescan.setOnAction(
                e -> actions.rescan(List.copyOf(table.getSelectionModel().getSelectedItems())));
        filterBy.setOnAction(e -> viewModel.setFilterText(clickedValue));
        selectAll.setOnAction(e -> table.getSelectionModel().selectAll());
        ContextMenu menu = new ContextMenu(
                copyRows,
                copyIp,
                copyHostPort,
                copyUrl,
                new SeparatorMenuItem(),
                openBrowser,
                rescan,
                filterBy,
                new SeparatorMenuItem(),
                selectAll);
        menu.setOnShowing(e -> refresh());
        // remember the cell under the right click: "filter by this value" uses its text
        table.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() != MouseButton.SECONDARY) return;
            Node n = e.getPickResult().getIntersectedNode();
            while (n != null && !(n instanceof TableCell)) n = n.getParent();
            if (n instanceof TableCell<?, ?> cell && !cell.isEmpty()) {
                clickedValue = cell.getText() == null ? "" : cell.getText();
                clickedRow = cell.getTableRow() == null
                        ? null
                        : (ProbeResult) cell.getTableRow().getItem();
                if (clickedRow != null
                        && !table.getSelectionModel().getSelectedItems().contains(clickedRow)) {
                    table.getSelectionModel().clearAndSelect(cell.getIndex());
                }
            } else {
                clickedValue = "";
                clickedRow = null;
            }
        });
        table.setContextMenu(menu);
    }

    public void setActions(Actions actions) {
        this.actions = actions;
    }

    /** Enables what fits the selection and names the value "filter by" would use. */
    void refresh() {
        List<ProbeResult> selected = table.getSelectionModel().getSelectedItems();
        boolean any = !selected.isEmpty();
        boolean tcp = viewModel.getMode() == ScanMode.TCP;
        copyRows.setDisable(!any);
        copyIp.setVisible(tcp);
        copyHostPort.setVisible(tcp);
        copyIp.setDisable(!any);
        copyHostPort.setDisable(!any);
        copyUrl.setDisable(selected.stream().allMatch(r -> url(r) == null));
        openBrowser.setDisable(url(target()) == null);
        rescan.setDisable(!any);
        String shown = CellSafety.cap(clickedValue, 40);
        filterBy.setText(clickedValue.isEmpty() ? "Filter by this value" : "Filter by “" + shown + "”");
        filterBy.setDisable(clickedValue.isEmpty());
    }

    /** The right-clicked row while it is still selected, else the focused one. */
    private ProbeResult target() {
        if (clickedRow != null && table.getSelectionModel().getSelectedItems().contains(clickedRow)) return clickedRow;
        return table.getFocusModel().getFocusedItem();
    }

    private String selectedLines(Function<ProbeResult, String> line) {
        Set<String> lines = new LinkedHashSet<>();
        for (ProbeResult r : table.getSelectionModel().getSelectedItems()) {
            String l = line.apply(r);
            if (l != null && !l.isEmpty()) lines.add(l);
        }
        return String.join("\n", lines);
    }

    private static void copy(String text) {
        if (text.isEmpty()) return;
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }

    static String ip(ProbeResult r) {
        return r instanceof TcpResult t ? (t.ip() == null || t.ip().isEmpty() ? t.host() : t.ip()) : null;
    }

    static String hostPort(ProbeResult r) {
        if (!(r instanceof TcpResult t)) return null;
        return (t.host().indexOf(':') >= 0 ? "[" + t.host() + "]" : t.host()) + ":" + t.port();
    }

    /**
     * The URL to open or copy: an HTTP row's own; for an open TCP port that serves the web
     * (a web port, or a service named http/https), http(s)://ip:port/; else null.
     */
    static String url(ProbeResult r) {
        if (r instanceof HttpResult h) return h.url();
        if (!(r instanceof TcpResult t) || t.state() != TcpState.OPEN) return null;
        String service = t.service() == null ? "" : t.service();
        boolean web = WEB_PORTS.contains(t.port()) || service.equals("http") || service.equals("https");
        if (!web) return null;
        String scheme = TLS_PORTS.contains(t.port()) || service.equals("https") ? "https" : "http";
        String ip = ip(t);
        return scheme + "://" + (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + t.port() + "/";
    }

    private static MenuItem item(String id, String text) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        return i;
    }
}
