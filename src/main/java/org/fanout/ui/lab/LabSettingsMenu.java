package org.fanout.ui.lab;

import java.util.function.Consumer;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.ToggleGroup;

/**
 * The small menu beside the Lab toggle: which loopback address the lab binds (127.0.0.1 or ::1)
 * and its first TCP port. Takes effect at the next start, so it is disabled while the lab runs.
 */
public final class LabSettingsMenu {
    private LabSettingsMenu() {}

    public static void install(MenuButton button, LabViewModel lab, Consumer<String> showProblem) {
        ToggleGroup family = new ToggleGroup();
        RadioMenuItem v4 = new RadioMenuItem("Listen on 127.0.0.1 (IPv4)");
        v4.setId("labIpv4Item");
        RadioMenuItem v6 = new RadioMenuItem("Listen on ::1 (IPv6)");
        v6.setId("labIpv6Item");
        RadioMenuItem both = new RadioMenuItem("Listen on both (same ports)");
        both.setId("labBothItem");
        v4.setToggleGroup(family);
        v6.setToggleGroup(family);
        both.setToggleGroup(family);
        (lab.bothProperty().get() ? both : lab.ipv6Property().get() ? v6 : v4).setSelected(true);
        family.selectedToggleProperty().addListener((o, was, now) -> {
            lab.ipv6Property().set(now == v6);
            lab.bothProperty().set(now == both);
        });

        MenuItem ports = new MenuItem();
        ports.setId("labPortsItem");
        Runnable label = () -> ports.setText(
                lab.firstTcpPortProperty().get() == 0
                        ? "TCP ports: any free…"
                        : "TCP ports from " + lab.firstTcpPortProperty().get() + "…");
        label.run();
        lab.firstTcpPortProperty().addListener((o, was, now) -> label.run());
        ports.setOnAction(e -> {
            int current = lab.firstTcpPortProperty().get();
            TextInputDialog dialog = new TextInputDialog(current == 0 ? "" : Integer.toString(current));
            dialog.initOwner(button.getScene().getWindow());
            dialog.setTitle("Lab ports");
            dialog.setHeaderText(
                    "First of the lab's " + LabViewModel.TCP_LISTENERS + " TCP ports (empty: any free ports)");
            dialog.getEditor().setId("labFirstPortField");
            dialog.showAndWait().ifPresent(text -> {
                String problem = lab.setFirstTcpPort(text);
                if (!problem.isEmpty()) showProblem.accept(problem);
            });
        });
        button.getItems().setAll(v4, v6, both, new SeparatorMenuItem(), ports);
        button.disableProperty().bind(lab.runningProperty());
    }
}
