package org.fanout.history;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;
import org.postgresql.util.PSQLException;

/**
 * A shared PostgreSQL database, from a {@code postgresql://user[:password]@host[:port]/db} URL
 * (as libpq writes them) or a {@code jdbc:postgresql:} URL. The password comes from the URL,
 * else {@code PGPASSWORD}, else the password file ({@link PgPass}); it goes to the driver as a
 * property only, so no URL, message or row of Fanout's ever holds it.
 *
 * <p>Many processes write at once: ids come from a counter row whose update each transaction
 * takes first (so they queue on that row rather than deadlock), and a serialization failure,
 * deadlock or "too many connections" is tried again like SQLite's busy lock.
 */
final class PostgresDialect implements Dialect {
    static final int CONNECT_TIMEOUT_SECONDS = 10;
    /** A statement that waits longer than this (a lost server) fails rather than hangs the scan. */
    static final int SOCKET_TIMEOUT_SECONDS = 120;

    private static final String MASK = "***";

    private final String jdbcUrl;
    private final String described;
    private final String password;
    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();

    private PostgresDialect(String jdbcUrl, String user, String password, String described) {
        this.jdbcUrl = jdbcUrl;
        this.password = password;
        this.described = described;
        dataSource.setURL(jdbcUrl);
        if (user != null) dataSource.setUser(user);
        if (password != null) dataSource.setPassword(password);
        dataSource.setConnectTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setLoginTimeout(CONNECT_TIMEOUT_SECONDS);
        dataSource.setSocketTimeout(SOCKET_TIMEOUT_SECONDS);
        dataSource.setTcpKeepAlive(true);
        dataSource.setApplicationName("fanout");
    }

    /** Whether {@code location} names a PostgreSQL database rather than a file. */
    static boolean isUrl(String location) {
        String lower = location.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("postgresql://")
                || lower.startsWith("postgres://")
                || lower.startsWith("jdbc:postgresql:");
    }

    /**
     * The database a URL names, with the password found as libpq would find it.
     *
     * @throws HistoryException for a URL that cannot be read (the message masks any password)
     */
    static PostgresDialect of(String url, Map<String, String> env, String home) {
        String text = url.strip();
        return text.toLowerCase(Locale.ROOT).startsWith("jdbc:") ? ofJdbc(text, env, home) : ofLibpq(text, env, home);
    }

    private static PostgresDialect ofLibpq(String text, Map<String, String> env, String home) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new HistoryException(maskUrl(text) + ": not a PostgreSQL URL (postgresql://user@host:5432/db)");
        }
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            if (parts.length == 2) password = decode(parts[1]);
        }
        String host = uri.getHost() == null || uri.getHost().isEmpty() ? "localhost" : uri.getHost();
        if (uri.getRawAuthority() != null
                && uri.getHost() == null
                && uri.getRawAuthority().contains(",")) {
            throw new HistoryException(maskUrl(text) + ": give one host (several hosts are not supported)");
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5432;
        Map<String, String> parameters = new LinkedHashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                if (pair.isEmpty()) continue;
                String[] kv = pair.split("=", 2);
                parameters.put(decode(kv[0]), kv.length == 2 ? decode(kv[1]) : "");
            }
        }
        if (parameters.containsKey("user")) user = parameters.remove("user");
        if (parameters.containsKey("password")) password = parameters.remove("password");
        if (user == null || user.isEmpty()) user = env.getOrDefault("PGUSER", System.getProperty("user.name"));
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String db = path.isEmpty() ? user : path;
        StringBuilder jdbc = new StringBuilder("jdbc:postgresql://")
                .append(host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                .append(':')
                .append(port)
                .append('/')
                .append(encode(db));
        char sep = '?';
        for (Map.Entry<String, String> p : parameters.entrySet()) {
            jdbc.append(sep).append(encode(p.getKey())).append('=').append(encode(p.getValue()));
            sep = '&';
        }
        String bareHost = host.replaceAll("^\\[|]$", "");
        if (password == null) password = passwordFromEnvironment(env, home, bareHost, port, db, user);
        return new PostgresDialect(
                jdbc.toString(),
                user,
                password,
                "postgresql://" + user + "@" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                        + ":" + port + "/" + db);
    }

    private static PostgresDialect ofJdbc(String text, Map<String, String> env, String home) {
        Properties parsed = Driver.parseURL(text, new Properties());
        if (parsed == null) {
            throw new HistoryException(maskUrl(text) + ": not a PostgreSQL URL (jdbc:postgresql://host:5432/db)");
        }
        String withoutPassword =
                text.replaceAll("(?i)([?&])password=[^&]*&?", "$1").replaceAll("[?&]$", "");
        String user = parsed.getProperty("user");
        if (user == null || user.isEmpty()) user = env.getOrDefault("PGUSER", System.getProperty("user.name"));
        String host = parsed.getProperty("PGHOST", "localhost").split(",")[0];
        int port = Integer.parseInt(parsed.getProperty("PGPORT", "5432").split(",")[0]);
        String db = parsed.getProperty("PGDBNAME", user);
        String password = parsed.getProperty("password");
        if (password == null) password = passwordFromEnvironment(env, home, host, port, db, user);
        return new PostgresDialect(
                withoutPassword, user, password, "postgresql://" + user + "@" + host + ":" + port + "/" + db);
    }

    /** {@code PGPASSWORD}, else the matching line of {@code PGPASSFILE} or {@code ~/.pgpass}; null if neither has one. */
    private static String passwordFromEnvironment(
            Map<String, String> env, String home, String host, int port, String db, String user) {
        String fromEnv = env.get("PGPASSWORD");
        if (fromEnv != null && !fromEnv.isEmpty()) return fromEnv;
        return PgPass.lookup(PgPass.file(env, home), host, port, db, user);
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public String describe() {
        return described;
    }

    /** The driver's URL, without the password (for tests). */
    String jdbcUrl() {
        return jdbcUrl;
    }

    boolean hasPassword() {
        return password != null;
    }

    @Override
    public boolean isBusy(SQLException e) {
        String state = e.getSQLState();
        return state != null
                && switch (state) {
                    // serialization failure, deadlock, lock not available, too many connections, server starting up
                    case "40001", "40P01", "55P03", "53300", "57P03" -> true;
                    default -> false;
                };
    }

    @Override
    public String orderedText(String column) {
        return column + " COLLATE \"C\"";
    }

    @Override
    public String explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null) {
                String state = s.getSQLState();
                String why =
                        switch (state) {
                            case "28P01" ->
                                "password authentication failed (give the password in the URL, PGPASSWORD or ~/.pgpass)";
                            case "28000" -> "the server refused the connection: " + serverLine(s);
                            case "3D000" -> "the database does not exist (create it first: createdb)";
                            case "42501" -> "permission denied: " + serverLine(s);
                            case "53300" -> "the server has too many connections";
                            default -> state.startsWith("08") ? "cannot connect: " + serverLine(s) : serverLine(s);
                        };
                return mask(why);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getCause() == null) return mask(SqliteDialect.firstLine(t.getMessage()));
        }
        return "unknown problem";
    }

    private static String serverLine(SQLException s) {
        if (s instanceof PSQLException p
                && p.getServerErrorMessage() != null
                && p.getServerErrorMessage().getMessage() != null) {
            return SqliteDialect.firstLine(p.getServerErrorMessage().getMessage());
        }
        return SqliteDialect.firstLine(s.getMessage());
    }

    /** A message with the password blotted out wherever it appears (a driver may quote the URL). */
    String mask(String message) {
        if (message == null) return null;
        return password == null || password.isEmpty() ? message : message.replace(password, MASK);
    }

    /** A URL as the user gave it, without its password: {@code postgresql://u@h/db}, {@code ...?password=***}. */
    static String maskUrl(String url) {
        return url.replaceAll("//([^:@/?#]*):[^@/?#]*@", "//$1@").replaceAll("(?i)([?&;]password=)[^&;]*", "$1" + MASK);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
