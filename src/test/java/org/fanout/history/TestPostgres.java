package org.fanout.history;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real PostgreSQL server for tests. With {@code FANOUT_TEST_PG_URL} set
 * ({@code postgresql://user:password@127.0.0.1:5432/db}, a role that may create databases),
 * that server; else a throwaway cluster: {@code initdb} into a temporary directory and
 * {@code pg_ctl start} on 127.0.0.1 and a free port, password (scram) authentication, run as the
 * {@code postgres} user when the tests run as root (PostgreSQL refuses root). {@link #close}
 * stops it and deletes the directory. Started by the tests themselves, so it lives in their
 * network namespace ({@code unshare -n}).
 *
 * <p>No PostgreSQL installed: the test fails when {@code CI} is set, and is skipped otherwise.
 */
public final class TestPostgres implements AutoCloseable {
    public static final String URL_ENV = "FANOUT_TEST_PG_URL";
    static final String USER = "fanout";

    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final Path dir;
    private final Path binDir;
    private final List<String> databases = new ArrayList<>();

    private TestPostgres(String host, int port, String user, String password, Path dir, Path binDir) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.dir = dir;
        this.binDir = binDir;
    }

    /** The server to test against; fails (CI) or skips (elsewhere) when there is none. */
    public static TestPostgres start() throws IOException, InterruptedException {
        String given = System.getenv(URL_ENV);
        if (given != null && !given.isBlank()) {
            URI uri = URI.create(given.strip().replaceFirst("^jdbc:", ""));
            String[] info = uri.getUserInfo() == null
                    ? new String[] {USER}
                    : uri.getUserInfo().split(":", 2);
            return new TestPostgres(
                    uri.getHost(),
                    uri.getPort() > 0 ? uri.getPort() : 5432,
                    info[0],
                    info.length == 2 ? info[1] : System.getenv("PGPASSWORD"),
                    null,
                    null);
        }
        Path bin = findBinaries();
        if (bin == null) {
            String why =
                    "no PostgreSQL server binaries (initdb, pg_ctl): install Debian's postgresql, or set " + URL_ENV;
            if (System.getenv("CI") != null) fail(why);
            Assumptions.abort(why);
        }
        Path dir = Files.createTempDirectory("fanout-pg-");
        String password = "pw-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));
        Files.writeString(dir.resolve("pwfile"), password + "\n");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) run(dir, List.of("chown", "-R", "postgres:postgres", dir.toString()), 30);
        int port = freePort();
        TestPostgres server = new TestPostgres("127.0.0.1", port, USER, password, dir, bin);
        try {
            server.asServerUser(
                    List.of(
                            bin.resolve("initdb").toString(),
                            "-D",
                            dir.resolve("data").toString(),
                            "-U",
                            USER,
                            "--pwfile=" + dir.resolve("pwfile"),
                            "--auth=scram-sha-256",
                            "-E",
                            "UTF8",
                            "--locale=C.UTF-8",
                            // a collation that does not sort by code point (as most servers' do not): diff must not
                            // depend on it
                            "--locale-provider=icu",
                            "--icu-locale=en-US",
                            "--no-sync"),
                    120);
            server.asServerUser(
                    List.of(
                            bin.resolve("pg_ctl").toString(),
                            "-D",
                            dir.resolve("data").toString(),
                            "-l",
                            dir.resolve("server.log").toString(),
                            "-w",
                            "-t",
                            "60",
                            "-o",
                            "-c listen_addresses=127.0.0.1 -p " + port + " -k " + dir
                                    + " -c fsync=off -c synchronous_commit=off"
                                    + " -c full_page_writes=off -c max_connections=60",
                            "start"),
                    90);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A new, empty database on the server; returns its URL with the password in it. */
    public String newDatabase(String name) throws SQLException {
        String db = name + "_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
        databases.add(db);
        return "postgresql://" + user + ":" + password + "@" + host + ":" + port + "/" + db;
    }

    public String password() {
        return password;
    }

    public String user() {
        return user;
    }

    public int port() {
        return port;
    }

    /** A plain JDBC connection to {@code db}, for looking at what Fanout wrote. */
    public Connection connect(String db) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", user);
        if (password != null) p.setProperty("password", password);
        p.setProperty("connectTimeout", "10");
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + db, p);
    }

    private static Path findBinaries() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparing(b -> Integer.parseInt(
                            b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElse(null);
        } catch (IOException | NumberFormatException e) {
            for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
                if (!p.isEmpty()
                        && Files.isExecutable(Path.of(p, "pg_ctl"))
                        && Files.isExecutable(Path.of(p, "initdb"))) {
                    return Path.of(p);
                }
            }
            return null;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    private void asServerUser(List<String> command, int seconds) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if ("root".equals(System.getProperty("user.name"))) full.addAll(List.of("runuser", "-u", "postgres", "--"));
        full.addAll(command);
        run(dir, full, seconds);
    }

    private static void run(Path dir, List<String> command, int seconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("fanout-pg-cmd", ".log");
        try {
            Process p = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command.getFirst() + " took over " + seconds + " s");
            }
            if (p.exitValue() != 0) {
                throw new IOException(
                        String.join(" ", command) + " failed (" + p.exitValue() + "):\n" + Files.readString(log));
            }
        } finally {
            Files.deleteIfExists(log);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (dir == null) {
            for (String db : databases) {
                try (Connection c = connect("postgres");
                        Statement s = c.createStatement()) {
                    s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                } catch (SQLException e) {
                    // a server the test was given: leave what cannot be dropped
                }
            }
            return;
        }
        try {
            if (Files.exists(dir.resolve("data").resolve("postmaster.pid"))) {
                asServerUser(
                        List.of(
                                binDir.resolve("pg_ctl").toString(),
                                "-D",
                                dir.resolve("data").toString(),
                                "-m",
                                "immediate",
                                "-w",
                                "-t",
                                "30",
                                "stop"),
                        60);
            }
        } finally {
            run(dir.getParent(), List.of("rm", "-rf", dir.toString()), 60);
        }
    }
}
