package org.cutouts.os;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where this process's memory cgroup lives: the cgroup mounts from {@code /proc/self/mountinfo} and this
 * process's paths in them from {@code /proc/self/cgroup}.
 */
final class CgroupMounts {
    private CgroupMounts() {
    }

    /** This process's cgroup directory in a v1 hierarchy that has the memory controller, if one is mounted. */
    static Optional<Path> v1Memory() {
        for (String line : MachineInfo.lines(Path.of("/proc/self/mountinfo"))) {
            Mount m = Mount.parse(line);
            if (m != null && m.fsType.equals("cgroup") && List.of(m.superOptions.split(",")).contains("memory")) {
                return ownPath(c -> List.of(c.split(",")).contains("memory")).map(p -> m.resolve(p));
            }
        }
        return Optional.empty();
    }

    /** This process's cgroup directory in the cgroup2 hierarchy, if it is mounted. */
    static Optional<Path> v2Own() {
        for (String line : MachineInfo.lines(Path.of("/proc/self/mountinfo"))) {
            Mount m = Mount.parse(line);
            if (m != null && m.fsType.equals("cgroup2")) {
                return ownPath(String::isEmpty).map(p -> m.resolve(p));
            }
        }
        return Optional.empty();
    }

    /** The path in {@code /proc/self/cgroup} whose controller list matches. */
    private static Optional<String> ownPath(java.util.function.Predicate<String> controllers) {
        for (String line : MachineInfo.lines(Path.of("/proc/self/cgroup"))) {
            String[] f = line.split(":", 3);
            if (f.length == 3 && controllers.test(f[1])) {
                return Optional.of(f[2]);
            }
        }
        return Optional.empty();
    }

    /** A file's content, or empty when it cannot be read. */
    static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** One line of mountinfo: {@code id parent dev root mountpoint options [optional...] - fstype source superoptions}. */
    private record Mount(String root, String mountPoint, String fsType, String superOptions) {
        static Mount parse(String line) {
            String[] f = line.split(" ");
            int dash = List.of(f).indexOf("-");
            if (dash < 5 || dash + 1 >= f.length) {
                return null;
            }
            return new Mount(unescape(f[3]), unescape(f[4]), f[dash + 1], dash + 3 < f.length ? f[dash + 3] : "");
        }

        /** The directory of cgroup {@code path}, which is relative to the hierarchy's root, under this mount. */
        Path resolve(String path) {
            String rel = path.startsWith(root) ? path.substring(root.length()) : path;
            return Path.of(mountPoint, rel.replaceFirst("^/+", ""));
        }

        /** mountinfo escapes space, tab, newline and backslash as octal. */
        private static String unescape(String s) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' && i + 3 < s.length()) {
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                    i += 3;
                } else {
                    b.append(c);
                }
            }
            return b.toString();
        }
    }
}
