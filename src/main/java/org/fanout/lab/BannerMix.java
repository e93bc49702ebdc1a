package org.fanout.lab;

import java.util.List;
import java.util.Objects;

/**
 * Which kind of listener each port of a {@link TcpLab} gets: the kinds are handed out in
 * order, cycling, so listener {@code i} gets {@code kinds.get(i % kinds.size())}.
 *
 * @param kinds at least one kind
 */
public record BannerMix(List<ListenerKind> kinds) {
    /** ssh, telnet, silent, ftp, ssh, telnet, ... */
    public static final BannerMix MIXED =
            of(ListenerKind.SSH, ListenerKind.TELNET, ListenerKind.SILENT, ListenerKind.FTP);
    /** Every listener silent. */
    public static final BannerMix SILENT = of(ListenerKind.SILENT);
    /** Every listener ssh-like. */
    public static final BannerMix SSH = of(ListenerKind.SSH);

    public BannerMix {
        kinds = List.copyOf(Objects.requireNonNull(kinds, "kinds"));
        if (kinds.isEmpty()) {
            throw new IllegalArgumentException("a banner mix needs at least one listener kind");
        }
    }

    public static BannerMix of(ListenerKind... kinds) {
        return new BannerMix(List.of(kinds));
    }

    /** The kind for the listener at {@code index} (0-based). */
    public ListenerKind kindFor(int index) {
        return kinds.get(Math.floorMod(index, kinds.size()));
    }
}
