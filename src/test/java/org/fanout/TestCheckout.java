package org.fanout;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/** A checkout as {@code ./fanout} sees it after a build, in a folder of a test's own. */
final class TestCheckout {
    private TestCheckout() {}

    /** Puts the launcher, the app's jar and its libraries under {@code root}; returns its {@code target}. */
    static Path create(Path root) throws IOException {
        Files.copy(Path.of("fanout"), root.resolve("fanout"));
        Path target = Files.createDirectories(root.resolve("target"));
        Path lib = Files.createDirectories(target.resolve("lib"));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
                // copies, not links: another account may not read this account's Maven repository
                Path copy = lib.resolve(p.getFileName());
                if (!Files.exists(copy)) Files.copy(p, copy);
            }
        }
        jar(Path.of("target", "classes"), target.resolve("fanout-0.1.0.jar"));
        Files.write(target.resolve(".built"), new byte[0]);
        return target;
    }

    private static void jar(Path classes, Path jar) throws IOException {
        try (OutputStream out = Files.newOutputStream(jar);
                JarOutputStream zip = new JarOutputStream(out);
                Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                zip.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
    }
}
