package org.fanout.engine.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The keep-alive pool stays bounded per origin, counting what it holds (a deque's size() walks it). */
class IdleConnectionsTest {
    @Test
    void keepsAtMostItsBoundPerOriginAndClosesTheRest() throws Exception {
        IdleConnections pool = new IdleConnections();
        List<Socket> given = new ArrayList<>();
        for (int i = 0; i < IdleConnections.MAX_PER_ORIGIN + 6; i++) {
            Socket s = new Socket(); // never connected: nothing is opened
            given.add(s);
            pool.give("http://127.0.0.1:1", s);
        }
        Socket other = new Socket();
        pool.give("http://127.0.0.1:2", other); // another origin has its own bound

        assertThat(given.subList(0, IdleConnections.MAX_PER_ORIGIN)).noneMatch(Socket::isClosed);
        assertThat(given.subList(IdleConnections.MAX_PER_ORIGIN, given.size())).allMatch(Socket::isClosed);
        assertThat(other.isClosed()).isFalse();

        pool.closeAll();
        assertThat(given).allMatch(Socket::isClosed);
        assertThat(other.isClosed()).isTrue();
        Socket late = new Socket();
        pool.give("http://127.0.0.1:1", late);
        assertThat(late.isClosed()).as("given after the end").isTrue();
    }
}
