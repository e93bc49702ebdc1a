package org.fanout.engine.probe;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.BindException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * {@link TcpSockets} with Linux's own calls (socket, connect, getsockopt, read, close, epoll) made
 * through the FFM API. Per refused loopback port that is two connects and no object: the JDK's
 * channels add a socket, a channel, its locks, a close and a {@code ConnectException} with a stack
 * trace built in native code. A loopback socket whose connect was refused is connected again to the
 * next loopback target (see {@link #connect}): Linux resets a refused socket to unconnected, and
 * making and closing one per port was ~35% of the kernel's time in a scan of closed loopback ports.
 * A failure is turned into the exception the JDK would have thrown for the same errno, so {@link
 * TcpConnectProbe#failed} classifies it as under every other strategy; a refusal, the common case,
 * goes straight to {@link TcpConnectProbe#refused}.
 *
 * <p>Used where {@link #AVAILABLE}: Linux on x86-64 or AArch64 (whose {@code epoll_event} layouts
 * are known) with native access enabled for Fanout ({@code --enable-native-access}, which the
 * launchers pass); elsewhere {@link JdkTcpSockets}.
 */
final class LinuxTcpSockets implements TcpSockets {
    // Linux's constants (asm-generic: the same on x86-64 and AArch64)
    private static final int AF_INET = 2;
    private static final int AF_INET6 = 10;
    private static final int CLOEXEC = 0x80000;
    private static final int NONBLOCK = 0x800;
    private static final int SOCK_STREAM = 1;
    private static final int SOCK_STREAM_NONBLOCK_CLOEXEC = SOCK_STREAM | NONBLOCK | CLOEXEC;
    private static final int SOL_SOCKET = 1;
    private static final int SO_ERROR = 4;
    private static final int EPOLLIN = 0x1;
    private static final int EPOLLOUT = 0x4;
    private static final int EPOLL_CTL_ADD = 1;
    private static final int EPOLL_CTL_MOD = 3;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int EMFILE = 24;
    private static final int ENFILE = 23;
    private static final int EINPROGRESS = 115;
    private static final int EALREADY = 114;
    private static final int EISCONN = 106;
    private static final int ECONNABORTED = 103;
    private static final int EINVAL = 22;
    private static final int ECONNREFUSED = 111;
    private static final int EVENTS = 256;
    private static final short POLLOUT = 0x4;
    private static final short POLLERR = 0x8;
    private static final short POLLHUP = 0x10;
    private static final int ECONNRESET = 104;
    /** What {@link #progress} returns once connected; else {@link #IN_PROGRESS} or an errno. */
    private static final int CONNECTED = 0;
    /** What {@link #progress} returns while the connect is still under way. */
    private static final int IN_PROGRESS = -1;

    private static final ValueLayout.OfLong JAVA_LONG_UNALIGNED = JAVA_LONG.withByteAlignment(1);

    private static final String ARCH = System.getProperty("os.arch", "");
    private static final int EVENT_SIZE = // epoll_event: packed on x86-64 (12 bytes), not on AArch64 (16)
            ARCH.equals("amd64") || ARCH.equals("x86_64") ? 12 : ARCH.equals("aarch64") ? 16 : 0;
    private static final int EVENT_DATA = EVENT_SIZE == 12 ? 4 : 8;

    /** Whether this JVM can use it: see the class comment. */
    static final boolean AVAILABLE = available();

    private static boolean available() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")
                || EVENT_SIZE == 0
                || !LinuxTcpSockets.class.getModule().isNativeAccessEnabled()) return false;
        try {
            return Libc.SOCKET != null;
        } catch (LinkageError e) { // a libc without one of them, or native access refused: the JDK's channels
            return false;
        }
    }

    /** The C library's functions, made into method handles the first time one is needed. */
    private static final class Libc {
        static final Linker LINKER = Linker.nativeLinker();
        static final Linker.Option ERRNO_TOO = Linker.Option.captureCallState("errno");
        static final StructLayout CAPTURED = Linker.Option.captureStateLayout();
        static final VarHandle ERRNO = CAPTURED.varHandle(MemoryLayout.PathElement.groupElement("errno"));
        static final MethodHandle SOCKET = down("socket", JAVA_INT, ERRNO_TOO, JAVA_INT, JAVA_INT, JAVA_INT);
        static final MethodHandle CONNECT = down("connect", JAVA_INT, ERRNO_TOO, JAVA_INT, ADDRESS, JAVA_INT);
        static final MethodHandle GETSOCKOPT =
                down("getsockopt", JAVA_INT, null, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS);
        static final MethodHandle GETSOCKNAME = down("getsockname", JAVA_INT, null, JAVA_INT, ADDRESS, ADDRESS);
        static final MethodHandle READ = down("read", JAVA_LONG, ERRNO_TOO, JAVA_INT, ADDRESS, JAVA_LONG);
        static final MethodHandle WRITE = down("write", JAVA_LONG, null, JAVA_INT, ADDRESS, JAVA_LONG);
        static final MethodHandle CLOSE = down("close", JAVA_INT, null, JAVA_INT);
        static final MethodHandle EPOLL_CREATE1 = down("epoll_create1", JAVA_INT, null, JAVA_INT);
        static final MethodHandle EPOLL_CTL = down("epoll_ctl", JAVA_INT, null, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS);
        static final MethodHandle EPOLL_WAIT =
                down("epoll_wait", JAVA_INT, ERRNO_TOO, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT);
        static final MethodHandle EVENTFD = down("eventfd", JAVA_INT, null, JAVA_INT, JAVA_INT);
        static final MethodHandle POLL = down("poll", JAVA_INT, null, ADDRESS, JAVA_LONG, JAVA_INT);

        /** {@code result name(arguments)}, with errno captured when {@code errno} is given. */
        private static MethodHandle down(
                String name, MemoryLayout result, Linker.Option errno, MemoryLayout... arguments) {
            MemorySegment address = LINKER.defaultLookup()
                    .find(name)
                    .orElseThrow(() -> new LinkageError("no " + name + " in the C library"));
            FunctionDescriptor d = FunctionDescriptor.of(result, arguments);
            return errno == null ? LINKER.downcallHandle(address, d) : LINKER.downcallHandle(address, d, errno);
        }
    }

    // Confined to the loop's thread (no atomic acquire and release around every call); the 8 bytes
    // wakeup() writes from another thread are the garbage collector's to free.
    private final Arena arena = Arena.ofConfined();
    private final MemorySegment captured;
    private final MemorySegment address; // a sockaddr_in or sockaddr_in6
    private final MemorySegment intValue;
    private final MemorySegment intLength;
    private final MemorySegment event;
    private final MemorySegment events;
    private final MemorySegment buffer;
    private final MemorySegment one;
    private final MemorySegment pollFd;
    private final int epoll;
    private final int wake;
    private TcpAttempt[] byFd = new TcpAttempt[1024];
    /** A refused loopback socket of IPv4 or IPv6, unconnected again and kept for the next loopback connect of its family; or -1. */
    private int spareV4 = -1;

    private int spareV6 = -1;
    /** Sockets made so far (tests read it to see that refused ones are reused). */
    long socketsMade;

    private int tokens;
    /** Guards the eventfd: a wakeup after close must not write to a descriptor number reused since. */
    private final Object wakeLock = new Object();

    private boolean closed;

    LinuxTcpSockets() throws IOException {
        if (!AVAILABLE) throw new IllegalStateException("Linux sockets through FFM are not available here");
        captured = arena.allocate(Libc.CAPTURED);
        address = arena.allocate(28, 8);
        intValue = arena.allocate(JAVA_INT);
        intLength = arena.allocate(JAVA_INT);
        event = arena.allocate(EVENT_SIZE, 8);
        events = arena.allocate((long) EVENT_SIZE * EVENTS, 8);
        buffer = arena.allocate(TcpProbeConfig.BANNER_MAX_BYTES);
        one = Arena.ofAuto().allocate(JAVA_LONG);
        one.set(JAVA_LONG, 0, 1L);
        pollFd = arena.allocate(8, 8); // struct pollfd
        try {
            epoll = (int) Libc.EPOLL_CREATE1.invokeExact(CLOEXEC);
            if (epoll < 0) throw new IOException("epoll_create1 failed");
            wake = (int) Libc.EVENTFD.invokeExact(0, NONBLOCK | CLOEXEC);
            if (wake < 0 || control(EPOLL_CTL_ADD, wake, EPOLLIN, 0) != 0) {
                if (wake >= 0) closeFd(wake);
                closeFd(epoll);
                throw new IOException("cannot set up an eventfd for wakeups");
            }
        } catch (IOException | RuntimeException | Error e) {
            arena.close();
            throw e;
        } catch (Throwable e) {
            arena.close();
            throw new IOException(e);
        }
    }

    /**
     * Starts a connect. On loopback it mostly settles at once: a second connect to the same address
     * tells where it stands (0 once connected, EALREADY while under way, else the error) and, if it
     * was refused, leaves the socket unconnected for the next target, as Linux does for a connect
     * that failed (POSIX leaves that state unspecified; Linux is the only system this class runs
     * on). Only loopback targets share sockets: a reset socket keeps what the next connect would
     * not expect (an IPv6 zone's interface binding; its next initial sequence number follows the
     * last instead of being random, which matters to no one on loopback). A socket that failed any
     * other way, or that epoll watched, is closed.
     */
    @Override
    public Started connect(TcpAttempt a) {
        a.start = System.nanoTime();
        InetAddress target = a.target.address();
        boolean v6 = target instanceof Inet6Address;
        boolean loopback = target.isLoopbackAddress();
        try {
            int fd = loopback ? (v6 ? spareV6 : spareV4) : -1;
            boolean reused = fd >= 0;
            if (reused) {
                if (v6) spareV6 = -1;
                else spareV4 = -1;
            } else {
                fd = (int) Libc.SOCKET.invokeExact(captured, v6 ? AF_INET6 : AF_INET, SOCK_STREAM_NONBLOCK_CLOEXEC, 0);
                if (fd < 0) {
                    int e = errno();
                    if ((e == EMFILE || e == ENFILE) && closeSpares()) return connect(a); // a kept socket was the last
                    if (e == EMFILE || e == ENFILE) return Started.NO_DESCRIPTOR;
                    a.result = TcpConnectProbe.failed(a.target, exception(e), System.nanoTime() - a.start);
                    return Started.FAILED;
                }
                socketsMade++;
            }
            int length = sockaddr(target, a.target.port());
            a.start = System.nanoTime();
            int r = (int) Libc.CONNECT.invokeExact(captured, fd, address, length);
            a.fd = fd;
            int e = r == 0 ? CONNECTED : errno();
            if (reused && (e == EALREADY || e == EISCONN || e == ECONNABORTED || e == EINVAL)) {
                close(a); // not unconnected after all: a fresh socket for this target
                return connect(a);
            }
            if (e == EINPROGRESS) {
                r = (int) Libc.CONNECT.invokeExact(captured, fd, address, length);
                e = r == 0 ? CONNECTED : errno();
                if (e == EISCONN) e = CONNECTED;
                else if (e == EALREADY) e = IN_PROGRESS;
                else if (e == ECONNABORTED) e = ECONNRESET; // closed without an error: as progress() says
            }
            if (e == CONNECTED) return Started.CONNECTED; // as the JDK's connect-then-finishConnect finds on loopback
            if (e == IN_PROGRESS) {
                try {
                    watch(a, EPOLL_CTL_ADD, EPOLLOUT);
                    return Started.PENDING;
                } catch (IOException failed) {
                    close(a);
                    a.result = TcpConnectProbe.failed(a.target, failed, System.nanoTime() - a.start);
                    return Started.FAILED;
                }
            }
            if (e == ECONNREFUSED && loopback) { // unconnected again: the next loopback connect takes it
                a.fd = -1;
                if (v6) spareV6 = fd;
                else spareV4 = fd;
            } else {
                close(a);
            }
            settle(a, e);
            return Started.FAILED;
        } catch (Throwable t) {
            throw new IllegalStateException("a socket call failed: " + t, t);
        }
    }

    @Override
    public Started finishConnect(TcpAttempt a) {
        int e = progress(a.fd);
        if (e == CONNECTED) return Started.CONNECTED;
        if (e == IN_PROGRESS) return Started.PENDING;
        close(a);
        settle(a, e);
        return Started.FAILED;
    }

    /**
     * Where a connect stands: its error if it failed, else whether the socket is writable
     * (connected) — the error first, so that the common refusal costs one call; a socket that
     * failed between the two calls reports POLLERR or POLLHUP, and then its error.
     */
    private int progress(int fd) {
        int e = socketError(fd);
        if (e != 0) return e;
        int revents = pollOut(fd);
        if ((revents & (POLLERR | POLLHUP)) != 0) {
            e = socketError(fd);
            return e != 0 ? e : ECONNRESET;
        }
        return (revents & POLLOUT) != 0 ? CONNECTED : IN_PROGRESS;
    }

    /** The result of a connect that failed with {@code errno}: a refusal at once, else classified. */
    private static void settle(TcpAttempt a, int errno) {
        long latency = System.nanoTime() - a.start;
        a.result = errno == ECONNREFUSED
                ? TcpConnectProbe.refused(a.target, latency)
                : TcpConnectProbe.failed(a.target, exception(errno), latency);
    }

    @Override
    public boolean selfConnected(TcpAttempt a) throws IOException {
        intLength.set(JAVA_INT, 0, 28);
        int r;
        try {
            r = (int) Libc.GETSOCKNAME.invokeExact(a.fd, address, intLength);
        } catch (Throwable t) {
            throw new IOException("getsockname failed: " + t, t);
        }
        if (r != 0) throw new IOException("getsockname failed");
        int port = ((address.get(JAVA_BYTE, 2) & 0xff) << 8) | (address.get(JAVA_BYTE, 3) & 0xff);
        if (port != a.target.port()) return false;
        boolean v6 = (address.get(JAVA_SHORT, 0) & 0xffff) == AF_INET6;
        byte[] local = address.asSlice(v6 ? 8 : 4, v6 ? 16 : 4).toArray(JAVA_BYTE);
        return TcpConnectProbe.isSelfConnect(InetAddress.getByAddress(local), port, a.target);
    }

    @Override
    public void watchRead(TcpAttempt a) throws IOException {
        watch(a, a.watched ? EPOLL_CTL_MOD : EPOLL_CTL_ADD, EPOLLIN);
    }

    /**
     * Watches the attempt's socket. Its events carry the descriptor and a token of this attempt's
     * own: a descriptor number is reused as soon as it is closed, and a socket closed while a
     * process being started still holds a copy stays in the epoll set, so an event is the
     * attempt's only if both match.
     */
    private void watch(TcpAttempt a, int op, int what) throws IOException {
        if (a.fd >= byFd.length) byFd = Arrays.copyOf(byFd, Math.max(a.fd + 1, byFd.length * 2));
        if (!a.watched) a.token = ++tokens;
        byFd[a.fd] = a;
        a.watched = true;
        if (control(op, a.fd, what, a.token) != 0) throw new IOException("epoll_ctl failed");
    }

    private int control(int op, int fd, int what, int token) {
        event.set(JAVA_INT, 0, what);
        event.set(JAVA_LONG_UNALIGNED, EVENT_DATA, ((long) token << 32) | (fd & 0xffff_ffffL));
        try {
            return (int) Libc.EPOLL_CTL.invokeExact(epoll, op, fd, event);
        } catch (Throwable t) {
            throw new IllegalStateException("epoll_ctl failed: " + t, t);
        }
    }

    @Override
    public int read(TcpAttempt a) {
        int want = Math.min(a.banner.remaining(), (int) buffer.byteSize());
        try {
            long n = (long) Libc.READ.invokeExact(captured, a.fd, buffer, (long) want);
            if (n > 0) {
                int at = a.banner.position();
                MemorySegment.copy(buffer, JAVA_BYTE, 0, a.banner.array(), a.banner.arrayOffset() + at, (int) n);
                a.banner.position(at + (int) n);
                return (int) n;
            }
            if (n == 0) return -1; // the end of the stream
            int e = errno();
            return e == EAGAIN || e == EINTR ? 0 : -1; // else a reset: what arrived before is the banner
        } catch (Throwable t) {
            throw new IllegalStateException("read failed: " + t, t);
        }
    }

    @Override
    public void poll(long waitNanos, Consumer<TcpAttempt> ready) throws IOException {
        int timeoutMillis = TcpSockets.waitMillis(waitNanos);
        int n;
        try {
            n = (int) Libc.EPOLL_WAIT.invokeExact(captured, epoll, events, EVENTS, timeoutMillis);
        } catch (Throwable t) {
            throw new IllegalStateException("epoll_wait failed: " + t, t);
        }
        if (n < 0) {
            if (errno() == EINTR) return;
            throw new IOException("epoll_wait failed: errno " + errno());
        }
        for (int i = 0; i < n; i++) {
            long data = events.get(JAVA_LONG_UNALIGNED, (long) i * EVENT_SIZE + EVENT_DATA);
            int fd = (int) data;
            if (fd == wake) {
                drainWakeups();
            } else if (fd >= 0 && fd < byFd.length && byFd[fd] != null && byFd[fd].token == (int) (data >>> 32)) {
                ready.accept(byFd[fd]);
            }
        }
    }

    private void drainWakeups() {
        try {
            long r = (long) Libc.READ.invokeExact(captured, wake, buffer, 8L);
        } catch (Throwable t) {
            throw new IllegalStateException("read of the eventfd failed: " + t, t);
        }
    }

    @Override
    public void close(TcpAttempt a) {
        int fd = a.fd;
        if (fd < 0) return;
        a.fd = -1;
        if (fd < byFd.length) byFd[fd] = null;
        closeFd(fd); // also takes it out of the epoll set
    }

    @Override
    public void wakeup() {
        synchronized (wakeLock) {
            if (closed) return;
            try {
                long w = (long) Libc.WRITE.invokeExact(wake, one, 8L);
            } catch (Throwable t) {
                throw new IllegalStateException("write to the eventfd failed: " + t, t);
            }
        }
    }

    @Override
    public void close() {
        for (TcpAttempt a : byFd) {
            if (a != null) close(a);
        }
        closeSpares();
        synchronized (wakeLock) {
            closed = true;
            closeFd(wake);
        }
        closeFd(epoll);
        arena.close();
    }

    /** Closes the sockets kept for reuse; whether there were any. */
    private boolean closeSpares() {
        boolean any = spareV4 >= 0 || spareV6 >= 0;
        if (spareV4 >= 0) closeFd(spareV4);
        if (spareV6 >= 0) closeFd(spareV6);
        spareV4 = spareV6 = -1;
        return any;
    }

    private static void closeFd(int fd) {
        try {
            int r = (int) Libc.CLOSE.invokeExact(fd);
        } catch (Throwable t) {
            throw new IllegalStateException("close failed: " + t, t);
        }
    }

    /** The events poll(2) reports for a socket at once (POLLOUT, POLLERR, POLLHUP), or 0. */
    private int pollOut(int fd) {
        pollFd.set(JAVA_INT, 0, fd);
        pollFd.set(JAVA_SHORT, 4, POLLOUT);
        pollFd.set(JAVA_SHORT, 6, (short) 0);
        try {
            int n = (int) Libc.POLL.invokeExact(pollFd, 1L, 0);
            return n == 1 ? pollFd.get(JAVA_SHORT, 6) : 0;
        } catch (Throwable t) {
            throw new IllegalStateException("poll failed: " + t, t);
        }
    }

    /** SO_ERROR of a socket: 0, or the errno its connect ended with. */
    private int socketError(int fd) {
        intValue.set(JAVA_INT, 0, 0);
        intLength.set(JAVA_INT, 0, 4);
        try {
            int r = (int) Libc.GETSOCKOPT.invokeExact(fd, SOL_SOCKET, SO_ERROR, intValue, intLength);
            return r == 0 ? intValue.get(JAVA_INT, 0) : EAGAIN;
        } catch (Throwable t) {
            throw new IllegalStateException("getsockopt failed: " + t, t);
        }
    }

    /** Writes the target's socket address into {@link #address}; its length. */
    private int sockaddr(InetAddress target, int port) {
        byte[] ip = target.getAddress();
        address.fill((byte) 0);
        address.set(JAVA_BYTE, 2, (byte) (port >>> 8));
        address.set(JAVA_BYTE, 3, (byte) port);
        if (ip.length == 4) {
            address.set(JAVA_SHORT, 0, (short) AF_INET);
            MemorySegment.copy(ip, 0, address, JAVA_BYTE, 4, 4);
            return 16;
        }
        address.set(JAVA_SHORT, 0, (short) AF_INET6);
        MemorySegment.copy(ip, 0, address, JAVA_BYTE, 8, 16);
        address.set(JAVA_INT, 24, ((Inet6Address) target).getScopeId());
        return 28;
    }

    private int errno() {
        return (int) Libc.ERRNO.get(captured, 0L);
    }

    /**
     * The exception the JDK throws for a connect that failed with {@code errno} (its class and
     * message, as sun.nio.ch.Net does), for {@link TcpConnectProbe#failed} to classify.
     */
    static IOException exception(int errno) {
        return switch (errno) {
            case ECONNREFUSED -> new ConnectException("Connection refused");
            case 110 -> new ConnectException("Connection timed out");
            case 113 -> new NoRouteToHostException("No route to host");
            case 99 -> new BindException("Cannot assign requested address");
            case 98 -> new BindException("Address already in use");
            case 13 -> new BindException("Permission denied");
            case 101 -> new SocketException("Network is unreachable");
            case ECONNRESET -> new SocketException("Connection reset by peer");
            case 1 -> new SocketException("Operation not permitted");
            case 22 -> new SocketException("Invalid argument");
            case EMFILE -> new SocketException("Too many open files");
            case ENFILE -> new SocketException("Too many open files in system");
            default -> new SocketException("errno " + errno);
        };
    }
}
