package org.fanout.ui.main;

import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleGroup;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import org.fanout.engine.probe.ProbeResult;
import org.fanout.ui.results.ResultsViewModel;
import org.fanout.ui.theme.Theme;
import org.fanout.ui.theme.Themes;

/**
 * The main window's menu bar: File, Edit, View, Scan, Help. Every item's accelerator is the
 * window's keyboard shortcut (the menu bar registers them with the scene).
 */
public final class AppMenus {
    static final KeyCombination OPEN = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination EXPORT = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination QUIT = new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination START = new KeyCodeCombination(KeyCode.ENTER, KeyCombination.SHORTCUT_DOWN);
    static final KeyCombination RESCAN = new KeyCodeCombination(KeyCode.F5);
    static final KeyCombination STOP = new KeyCodeCombination(KeyCode.ESCAPE);
    static final KeyCombination HISTORY = new KeyCodeCombination(KeyCode.H, KeyCombination.SHORTCUT_DOWN);

    /** What Help → Keyboard shortcuts lists. */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Ctrl+Enter", "Start the scan"},
            new String[] {"F5", "Scan the form's job again"},
            new String[] {"Esc", "Stop the scan (in the filter: clear it)"},
            new String[] {"Ctrl+F", "Find: go to the filter"},
            new String[] {"Ctrl+O", "Open results (CSV or JSON lines)"},
            new String[] {"Ctrl+S", "Export the shown rows"},
            new String[] {"Ctrl+C", "Copy the selected rows"},
            new String[] {"Ctrl+H", "History: past runs, diff, re-run"},
            new String[] {"Ctrl+W", "Close the History or Compare window"},
            new String[] {"Ctrl+Q", "Quit"});

    private AppMenus() {}

    static MenuBar create(MainView view, MainViewModel vm) {
        MenuBar bar = new MenuBar(file(view, vm), edit(view), viewMenu(view), scan(view, vm), help(view));
        bar.setId("menuBar");
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static Menu file(MainView view, MainViewModel vm) {
        MenuItem open = item("openItem", "Open results…", OPEN, view::openResults);
        open.disableProperty().bind(vm.runningProperty());
        MenuItem export = item("exportItem", "Export…", EXPORT, view::exportShown);
        export.disableProperty().bind(vm.getResults().shownCountProperty().isEqualTo(0));
        MenuItem charts = item("exportChartsMenuItem", "Save charts as PNG…", null, view::exportCharts);
        MenuItem quit = item("quitItem", "Quit", QUIT, view::quit);
        return menu("fileMenu", "_File", open, export, charts, new SeparatorMenuItem(), quit);
    }

    private static Menu edit(MainView view) {
        return menu(
                "editMenu",
                "_Edit",
                item("copyItem", "Copy", COPY, view::copy),
                item("findItem", "Find…", FIND, view::find));
    }

    private static Menu viewMenu(MainView view) {
        Menu columns = new Menu("Columns");
        columns.setId("columnsMenu");
        // the columns change with the mode: list them each time the menu opens
        columns.getItems().add(new MenuItem("(no columns)"));
        columns.setOnShowing(e -> fillColumns(columns, view.resultsView().table()));
        fillColumns(columns, view.resultsView().table());
        ToggleGroup layout = new ToggleGroup();
        RadioMenuItem byPort = radio("byPortItem", "By port (one row per target)", layout);
        RadioMenuItem byHost = radio("byHostItem", "By host (one row per host)", layout);
        ResultsViewModel results = view.results();
        Runnable show = () -> (results.isByHost() ? byHost : byPort).setSelected(true);
        results.byHostProperty().addListener(o -> show.run());
        show.run();
        byPort.setOnAction(e -> results.setByHost(false));
        byHost.setOnAction(e -> results.setByHost(true));
        Menu theme = new Menu("Theme");
        theme.setId("themeMenu");
        ToggleGroup themes = new ToggleGroup();
        Themes t = view.themes();
        for (Theme choice : Theme.values()) {
            RadioMenuItem i = radio(
                    "theme-" + choice.label(),
                    switch (choice) {
                        case LIGHT -> "Light";
                        case DARK -> "Dark";
                        case SYSTEM -> "Follow the system";
                    },
                    themes);
            i.setSelected(t.getTheme() == choice);
            i.setOnAction(e -> t.setTheme(choice));
            t.themeProperty().addListener((o, was, now) -> i.setSelected(now == choice));
            theme.getItems().add(i);
        }
        return menu("viewMenu", "_View", byPort, byHost, new SeparatorMenuItem(), columns, theme);
    }

    /** One check item per table column; unticking hides the column. */
    static void fillColumns(Menu columns, TableView<ProbeResult> table) {
        columns.getItems().clear();
        for (TableColumn<ProbeResult, ?> c : table.getColumns()) {
            CheckMenuItem shown = new CheckMenuItem(c.getText());
            shown.setId("column-" + c.getText().replace(' ', '-'));
            shown.selectedProperty().bindBidirectional(c.visibleProperty());
            columns.getItems().add(shown);
        }
    }

    private static Menu scan(MainView view, MainViewModel vm) {
        MenuItem start = item("startItem", "Start", START, view::startScan);
        start.disableProperty().bind(vm.canStartBinding().not());
        MenuItem rescan = item("rescanItem", "Scan again", RESCAN, view::startScan);
        rescan.disableProperty().bind(vm.canStartBinding().not());
        MenuItem stop = item("stopItem", "Stop", STOP, view::escape);
        stop.disableProperty().bind(vm.runningProperty().not());
        MenuItem compare = item("compareItem", "Compare…", null, view::openCompare);
        compare.disableProperty().bind(Bindings.not(vm.getForm().validProperty()));
        return menu("scanMenu", "_Scan", start, rescan, stop, new SeparatorMenuItem(), compare, history(view));
    }

    /** History…: the window of past runs (open, diff, re-run, import, export). */
    private static MenuItem history(MainView view) {
        return item("historyItem", "History…", HISTORY, view::openHistory);
    }

    private static Menu help(MainView view) {
        return menu(
                "helpMenu",
                "_Help",
                item("shortcutsItem", "Keyboard shortcuts", null, view::showShortcuts),
                item("aboutItem", "About Fanout", null, view::showAbout));
    }

    private static RadioMenuItem radio(String id, String text, ToggleGroup group) {
        RadioMenuItem i = new RadioMenuItem(text);
        i.setId(id);
        i.setToggleGroup(group);
        return i;
    }

    private static Menu menu(String id, String text, MenuItem... items) {
        Menu m = new Menu(text, null, items);
        m.setId(id);
        return m;
    }

    private static MenuItem item(String id, String text, KeyCombination keys, Runnable action) {
        MenuItem i = new MenuItem(text);
        i.setId(id);
        if (keys != null) i.setAccelerator(keys);
        i.setOnAction(e -> action.run());
        return i;
    }
}
