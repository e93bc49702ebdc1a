package org.fanout.history;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PostgreSQL password file as libpq reads it: {@code PGPASSFILE}, else {@code ~/.pgpass};
 * lines {@code host:port:database:user:password}, {@code *} matching anything, {@code \:} and
 * {@code \\} escaped, the first matching line wins. As libpq does, a file others may read is
 * ignored. Read here rather than left to the driver, which reads it in some versions only.
 */
final class PgPass {
    private PgPass() {}

    static Path file(Map<String, String> env, String home) {
        String named = env.get("PGPASSFILE");
        if (named != null && !named.isBlank()) return Path.of(named);
        return Path.of(home, ".pgpass");
    }

    /** The password of the first line that matches, or null (no file, unreadable, too open, no match). */
    static String lookup(Path file, String host, int port, String database, String user) {
        if (!Files.isRegularFile(file) || readableByOthers(file)) return null;
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            return null;
        }
        String[] wanted = {host, Integer.toString(port), database, user};
        for (String line : lines) {
            if (line.isBlank() || line.startsWith("#")) continue;
            List<String> fields = split(line);
            if (fields.size() < 5) continue;
            boolean matches = true;
            for (int i = 0; i < 4 && matches; i++) {
                String field = fields.get(i);
                matches = field.equals("*") || field.equals(wanted[i]);
            }
            if (matches) return fields.get(4);
        }
        return null;
    }

    private static boolean readableByOthers(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            return p.contains(PosixFilePermission.GROUP_READ)
                    || p.contains(PosixFilePermission.OTHERS_READ)
                    || p.contains(PosixFilePermission.GROUP_WRITE)
                    || p.contains(PosixFilePermission.OTHERS_WRITE);
        } catch (UnsupportedOperationException | IOException e) {
            return false; // not a POSIX file system (Windows): libpq does not check there either
        }
    }

    /** Splits on unescaped colons; the last field (the password) keeps any colons after the fourth. */
    private static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                field.append(line.charAt(++i));
            } else if (c == ':' && fields.size() < 4) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
