/**
 * The FX plumbing: the one hand-off between background work and the FX thread. Only this
 * package calls {@code Platform} (but {@code getPreferences()}, which reads
 * the system colour scheme for the theme) and uses {@code javafx.concurrent},
 * {@code Timeline} or {@code AnimationTimer}; ArchitectureTest enforces it. View-models receive
 * a {@link UiExecutor}; a view's own animation (MainView's
 * {@code PauseTransition} fading a notice) is the view's business and stays in the view.
 */
package org.fanout.ui.fx;
