package org.fanout;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version Maven stamped into the build. */
public final class Version {
    private Version() {}

    /** What {@code --version} prints: Fanout's version and the Java it runs on. */
    public static String line() {
        return "Fanout " + get() + " (Java " + Runtime.version() + ")";
    }

    public static String get() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) p.load(in);
            return p.getProperty("version", "dev");
        } catch (IOException e) {
            return "dev";
        }
    }
}
