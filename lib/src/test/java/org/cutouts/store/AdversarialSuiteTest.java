package org.cutouts.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cutouts.data.CatalogueRecipe;
import org.cutouts.data.MosaicSpec;
import org.cutouts.data.SyntheticMosaic;
import org.cutouts.fits.FitsMosaic;
import org.cutouts.io.AtomicFiles;
import org.cutouts.io.StoreException;
import org.cutouts.os.FreshJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adversarial suite: corrupted files of every format, a single-bit-flip sweep over every header byte,
 * pixel flips that only the checksums can see, {@code kill -9} during write and generate, and the
 * read-and-close race. Every probe runs under a time bound; the summary line counts JVM crashes
 * (children that died of anything but our kill), hangs, OOMs, unclear exceptions and silent wrong
 * results, which must all be 0.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class AdversarialSuiteTest {
    /** How long one probe may take before it counts as a hang. */
    static final long PROBE_SECONDS = 10;

    @TempDir
    static Path root;

    static final Tally TALLY = new Tally();
    private static ExecutorService worker = newWorker();
    private static final Map<Format, Target> TARGETS = new EnumMap<>(Format.class);

    enum Format { NPY, TILED, HDF5, ND4J, INDIVIDUAL, MANIFEST, CATALOGUE, FITS }

    /** What a probe found. */
    enum Outcome { CLEAR_ERROR, SAME, CAUGHT_BY_VERIFY, FITS_AS_WRITTEN, SILENT_WRONG, UNCLEAR_EXCEPTION, OOM, HANG }

    /** The counts the summary line prints. */
    static final class Tally {
        final Map<Format, Integer> cases = new EnumMap<>(Format.class);
        final Map<Format, Integer> flips = new EnumMap<>(Format.class);
        final Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
        int pixelFlips;
        int pixelFlipsMissed;
        int kills;
        int crashes;
        int killLeftovers;
        int killBadStates;
        CloseRace.Outcome race = CloseRace.NONE;
        final Map<String, String> seconds = new java.util.LinkedHashMap<>();
        final List<String> problems = new ArrayList<>();

        synchronized void add(Outcome o, String what) {
            outcomes.merge(o, 1, Integer::sum);
            if (o != Outcome.CLEAR_ERROR && o != Outcome.SAME && o != Outcome.CAUGHT_BY_VERIFY && o != Outcome.FITS_AS_WRITTEN
                    && problems.size() < 20) {
                problems.add(o + ": " + what);
            }
        }

        int count(Outcome o) {
            return outcomes.getOrDefault(o, 0);
        }

        String summary() {
            return String.format(Locale.ROOT, "adversarial suite: %d corruption cases %s, %d header bit flips %s, %d pixel flips "
                            + "(%d missed by verify), %d kill -9 runs (%d bad states, %d leftovers after recovery), %d close-race cycles "
                            + "(%d reads, %d closed-store errors); JVM crashes %d, hangs %d, OOMs %d, unclear exceptions %d, "
                            + "silent wrong results %d; FITS changes read as written (no checksum in the file) %d; %s",
                    cases.values().stream().mapToInt(Integer::intValue).sum(), cases, flips.values().stream().mapToInt(Integer::intValue).sum(),
                    flips, pixelFlips, pixelFlipsMissed, kills, killBadStates, killLeftovers, race.cycles(), race.reads(),
                    race.closedErrors(), crashes, count(Outcome.HANG) + race.hangs(), count(Outcome.OOM),
                    count(Outcome.UNCLEAR_EXCEPTION) + race.otherFailures(), count(Outcome.SILENT_WRONG) + race.wrongStamps(),
                    count(Outcome.FITS_AS_WRITTEN), seconds);
        }

        boolean clean() {
            return crashes == 0 && count(Outcome.HANG) + race.hangs() == 0 && count(Outcome.OOM) == 0
                    && count(Outcome.UNCLEAR_EXCEPTION) + race.otherFailures() == 0 && count(Outcome.SILENT_WRONG) + race.wrongStamps() == 0
                    && pixelFlipsMissed == 0 && killBadStates == 0 && killLeftovers == 0;
        }
    }

    /**
     * One file to attack: a template directory, the file inside it, where its header ends, and what reading
     * it correctly gives.
     */
    record Target(Format format, Path template, String file, long headerEnd, Probe probe, Object reference) {
    }

    /** Reads a whole store (or FITS file) and returns what it read, for comparison with the reference. */
    @FunctionalInterface
    interface Probe {
        Object read(Path dir) throws Exception;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "adversarial-probe");
            t.setDaemon(true);
            return t;
        });
    }

    // ---- setup ------------------------------------------------------------------------------------

    @BeforeAll
    static void templates() throws Exception {
        SyntheticMosaic m = new SyntheticMosaic(MosaicSpec.of(96, 80, 12, 7));
        Map<Strategy, Path> stores = new EnumMap<>(Strategy.class);
        for (Strategy s : Strategy.values()) {
            stores.put(s, Stores.write(s, m, m.catalogue(), CutoutSpec.square(16), root.resolve("templates").resolve(s.folder())));
        }
        Probe store = AdversarialSuiteTest::readStore;
        target(Format.NPY, stores.get(Strategy.MEMORY_MAPPED), MemoryMappedStore.PAYLOAD, 128, store);
        target(Format.TILED, stores.get(Strategy.MEMORY_MAPPED_TILED), TiledStore.PAYLOAD, TiledLayout.HEADER_BYTES, store);
        target(Format.HDF5, stores.get(Strategy.HDF5), Hdf5Store.PAYLOAD, hdf5MosaicAddress(stores.get(Strategy.HDF5)), store);
        target(Format.ND4J, stores.get(Strategy.WHOLE_TENSOR), WholeTensorStore.PAYLOAD, 129, store);
        target(Format.INDIVIDUAL, stores.get(Strategy.INDIVIDUAL_FILES), "cutouts/" + IndividualFilesStore.fileName(3), 128, store);
        Path mm = stores.get(Strategy.MEMORY_MAPPED);
        target(Format.MANIFEST, mm, StoreManifest.FILE_NAME, Files.size(mm.resolve(StoreManifest.FILE_NAME)), store);
        target(Format.CATALOGUE, mm, StoreManifest.CATALOGUE_FILE, Files.size(mm.resolve(StoreManifest.CATALOGUE_FILE)), store);
        Path fitsDir = Files.createDirectories(root.resolve("templates").resolve("fits"));
        AdversarialFits.write(fitsDir.resolve("image.fits"), m);
        target(Format.FITS, fitsDir, "image.fits", 2880, AdversarialSuiteTest::readFits);
    }

    private static void target(Format f, Path template, String file, long headerEnd, Probe probe) throws Exception {
        TARGETS.put(f, new Target(f, template, file, headerEnd, probe, probe.read(template)));
    }

    private static long hdf5MosaicAddress(Path dir) {
        try (CutoutStore s = Stores.open(dir)) {
            return ((io.jhdf.api.dataset.ContiguousDataset) ((Hdf5Store) s).mosaicDataset()).getDataAddress();
        }
    }

    /** Every stamp, by a batch and one by one, and the catalogue. */
    static Object readStore(Path dir) {
        try (CutoutStore s = Stores.open(dir)) {
            int n = s.size();
            float[] all = new float[n * s.cutoutPixels()];
            s.readBatch(java.util.stream.IntStream.range(0, n).toArray(), all);
            float[] again = new float[all.length];
            for (int i = 0; i < n; i++) {
                s.readInto(i, again, i * s.cutoutPixels());
            }
            if (!Arrays.equals(all, again)) {
                return "batch and single reads differ";
            }
            return List.of(FloatBuffers.of(all), s.catalogue());
        }
    }

    static Object readFits(Path dir) {
        try (FitsMosaic f = FitsMosaic.open(dir.resolve("image.fits"))) {
            float[] px = new float[f.width() * f.height()];
            f.readRows(0, f.height(), px, 0);
            return FloatBuffers.of(px);
        }
    }

    /** float[] with value equality (bitwise, so NaN equals NaN). */
    record FloatBuffers(List<Integer> bits) {
        static FloatBuffers of(float[] a) {
            List<Integer> b = new ArrayList<>(a.length);
            for (float v : a) {
                b.add(Float.floatToRawIntBits(v));
            }
            return new FloatBuffers(b);
        }
    }

    // ---- probing ----------------------------------------------------------------------------------

    /** Runs the probe under the time bound and classifies what happened. */
    static Outcome probe(Target t, Path dir, boolean pixelData, String what) {
        Future<Object> f = worker.submit((Callable<Object>) () -> {
            try {
                return t.probe().read(dir);
            } catch (OutOfMemoryError e) {
                return Outcome.OOM;
            }
        });
        Outcome o;
        try {
            Object got = f.get(PROBE_SECONDS, TimeUnit.SECONDS);
            if (got == Outcome.OOM) {
                o = Outcome.OOM;
            } else if (got.equals(t.reference())) {
                o = Outcome.SAME;
            } else if (pixelData && t.format() != Format.FITS && !StoreVerifier.verify(dir).ok()) {
                o = Outcome.CAUGHT_BY_VERIFY;
            } else if (t.format() == Format.FITS) {
                o = Outcome.FITS_AS_WRITTEN; // FITS without CHECKSUM/DATASUM cannot tell a changed card from a real one
            } else {
                o = Outcome.SILENT_WRONG;
            }
        } catch (TimeoutException e) {
            f.cancel(true);
            worker = newWorker(); // the stuck thread is abandoned (a daemon)
            o = Outcome.HANG;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            o = c instanceof StoreException se && se.getMessage().startsWith(dir.toString()) ? Outcome.CLEAR_ERROR : Outcome.UNCLEAR_EXCEPTION;
            if (o == Outcome.UNCLEAR_EXCEPTION) {
                what = what + " -> " + c;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        TALLY.add(o, t.format() + " " + what);
        return o;
    }

    /** A fresh copy of a target's template directory. */
    static Path copy(Target t, String name) throws IOException {
        Path dir = root.resolve("cases").resolve(t.format().name().toLowerCase(Locale.ROOT) + "-" + name);
        AtomicFiles.deleteRecursively(dir);
        Files.createDirectories(dir.getParent());
        try (var s = Files.walk(t.template())) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path d = dir.resolve(t.template().relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(d);
                } else {
                    Files.copy(p, d);
                }
            }
        }
        return dir;
    }

    // ---- 1. corruption cases -------------------------------------------------------------------------

    /** A way to damage a file; {@code pixelData} when only pixel bytes change (then only the checksums can tell). */
    record Mutation(String name, boolean pixelData, FileMutator apply) {
    }

    @FunctionalInterface
    interface FileMutator {
        void apply(Path file, long headerEnd, Path scratch) throws Exception;
    }

    static List<Mutation> mutations() {
        List<Mutation> m = new ArrayList<>();
        for (String cut : List.of("0", "1", "7", "h/2", "h-1", "h", "mid", "end-1", "end-1000")) {
            m.add(new Mutation("truncate to " + cut, false, (f, h, s) -> {
                long size = Files.size(f);
                long to = switch (cut) {
                    case "h/2" -> h / 2;
                    case "h-1" -> h - 1;
                    case "h" -> h;
                    case "mid" -> (h + size) / 2;
                    case "end-1" -> size - 1;
                    case "end-1000" -> Math.max(0, size - 1000);
                    default -> Long.parseLong(cut);
                };
                ReliabilityTest.setLength(f, Math.min(to, size - 1));
            }));
        }
        for (long extra : new long[] {1, 4096, 1 << 20}) {
            m.add(new Mutation("extend by " + extra, false, (f, h, s) -> ReliabilityTest.setLength(f, Files.size(f) + extra)));
        }
        m.add(new Mutation("a FIFO", false, (f, h, s) -> ReliabilityTest.mkfifo(f)));
        m.add(new Mutation("a directory", false, (f, h, s) -> {
            Files.delete(f);
            Files.createDirectory(f);
        }));
        m.add(new Mutation("a link to a copy outside", false, (f, h, s) -> {
            Path out = Files.copy(f, s.resolveSibling(s.getFileName() + "-outside"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.delete(f);
            Files.createSymbolicLink(f, out.toAbsolutePath());
        }));
        m.add(new Mutation("a link to /dev/zero", false, (f, h, s) -> {
            Files.delete(f);
            Files.createSymbolicLink(f, Path.of("/dev/zero"));
        }));
        m.add(new Mutation("header zeroed", false, (f, h, s) -> fill(f, h, (byte) 0)));
        m.add(new Mutation("header 0xFF", false, (f, h, s) -> fill(f, h, (byte) 0xFF)));
        for (int seed = 1; seed <= 10; seed++) {
            int sd = seed;
            m.add(new Mutation("header garbled (seed " + seed + ")", false, (f, h, s) -> {
                Random r = new Random(sd);
                try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                    for (int k = 0, n = 1 + r.nextInt(16); k < n; k++) {
                        raf.seek(r.nextLong(Math.max(1, h)));
                        raf.write(r.nextInt(256));
                    }
                }
            }));
        }
        m.add(new Mutation("pixel bytes garbled", true, (f, h, s) -> {
            long size = Files.size(f);
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                long at = h + (size - h) / 3;
                raf.seek(at);
                int b = raf.read();
                raf.seek(at);
                raf.write(b ^ 0x5A);
            }
        }));
        return m;
    }

    private static void fill(Path f, long h, byte v) throws IOException {
        byte[] b = new byte[(int) Math.min(h, Files.size(f))];
        Arrays.fill(b, v);
        ReliabilityTest.poke(f, 0, b);
    }

    @Test
    void a_corruptionCasesOfEveryFormat() throws Exception {
        long t0 = System.nanoTime();
        for (Target t : TARGETS.values()) {
            int k = 0;
            for (Mutation mu : mutations()) {
                if (mu.pixelData() && t.headerEnd() >= Files.size(t.template().resolve(t.file()))) {
                    continue; // manifest and catalogue have no pixel data
                }
                Path dir = copy(t, "case" + k++);
                Path f = dir.resolve(t.file());
                mu.apply().apply(f, t.headerEnd(), dir);
                probe(t, dir, mu.pixelData(), mu.name());
                TALLY.cases.merge(t.format(), 1, Integer::sum);
                AtomicFiles.deleteRecursively(dir);
            }
            assertTrue(TALLY.cases.get(t.format()) >= 25, t.format() + " has " + TALLY.cases.get(t.format()) + " cases");
        }
        TALLY.seconds.put("corruption", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9));
        assertClean();
    }

    // ---- 2. bit flips ------------------------------------------------------------------------------

    /** The header byte ranges of a target: all of the file for manifest and catalogue, everything but /mosaic for HDF5. */
    static long[][] headerRanges(Target t, long size) {
        if (t.format() == Format.HDF5) {
            long dataEnd = t.headerEnd() + 4L * 96 * 80;
            return new long[][] {{0, t.headerEnd()}, {dataEnd, size}};
        }
        return new long[][] {{0, Math.min(t.headerEnd(), size)}};
    }

    @Test
    void b_everyHeaderBitFlippedOneAtATime() throws Exception {
        long t0 = System.nanoTime();
        for (Target t : TARGETS.values()) {
            long tf = System.nanoTime();
            Path dir = copy(t, "flips");
            Path f = dir.resolve(t.file());
            long size = Files.size(f);
            int n = 0;
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                for (long[] range : headerRanges(t, size)) {
                    for (long at = range[0]; at < range[1]; at++) {
                        raf.seek(at);
                        int orig = raf.read();
                        for (int bit = 0; bit < 8; bit++) {
                            raf.seek(at);
                            raf.write(orig ^ (1 << bit));
                            if (t.format() == Format.TILED && at >= TILED_FIELDS) {
                                tiledHeaderProbe(f, "bit " + bit + " of byte " + at);
                            } else {
                                probe(t, dir, false, "bit " + bit + " of byte " + at);
                            }
                            n++;
                        }
                        raf.seek(at);
                        raf.write(orig);
                    }
                }
            }
            TALLY.flips.put(t.format(), n);
            TALLY.seconds.put(t.format().name().toLowerCase(Locale.ROOT) + " flips",
                    String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - tf) / 1e9));
            AtomicFiles.deleteRecursively(dir);
        }
        TALLY.seconds.put("bit flips", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9));
        assertClean();
    }

    /** The tiled header's binary fields end before this; the text line and zero padding follow. */
    static final int TILED_FIELDS = 128;

    /**
     * The text and padding of the tiled header go through the header check that open runs
     * ({@link TiledLayout#read}), which is bounded and allocation-free; the full open is probed for the fields.
     */
    private static void tiledHeaderProbe(Path f, String what) throws IOException {
        Outcome o;
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(f)) {
            TiledLayout.read(f, ch);
            o = Outcome.SILENT_WRONG; // the header changed, so accepting it is wrong
        } catch (StoreException e) {
            o = e.getMessage().startsWith(f.toString()) ? Outcome.CLEAR_ERROR : Outcome.UNCLEAR_EXCEPTION;
        } catch (RuntimeException e) {
            o = Outcome.UNCLEAR_EXCEPTION;
        }
        TALLY.add(o, "TILED header " + what);
    }

    @Test
    void c_pixelFlipsAreCaughtByVerify() throws Exception {
        long t0 = System.nanoTime();
        Random r = new Random(11);
        for (Target t : TARGETS.values()) {
            Path tf = t.template().resolve(t.file());
            if (t.format() == Format.FITS || t.headerEnd() >= Files.size(tf)) {
                continue; // FITS has no checksum of ours; manifest and catalogue are all header
            }
            long dataEnd = t.format() == Format.HDF5 ? t.headerEnd() + 4L * 96 * 80 : Files.size(tf);
            Path dir = copy(t, "pixels");
            Path f = dir.resolve(t.file());
            try (RandomAccessFile raf = new RandomAccessFile(f.toFile(), "rw")) {
                for (int k = 0; k < 16; k++) {
                    long at = t.headerEnd() + r.nextLong(dataEnd - t.headerEnd());
                    int bit = r.nextInt(8);
                    raf.seek(at);
                    int orig = raf.read();
                    raf.seek(at);
                    raf.write(orig ^ (1 << bit));
                    TALLY.pixelFlips++;
                    if (StoreVerifier.verify(dir).ok()) {
                        TALLY.pixelFlipsMissed++;
                        TALLY.problems.add("verify missed " + t.format() + " bit " + bit + " of byte " + at);
                    }
                    raf.seek(at);
                    raf.write(orig);
                }
            }
            AtomicFiles.deleteRecursively(dir);
        }
        TALLY.seconds.put("pixel flips", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9));
        assertClean();
    }

    // ---- 3. kill -9 ---------------------------------------------------------------------------------

    @Test
    void d_killMinusNineDuringWriteAndGenerate() throws Exception {
        long t0 = System.nanoTime();
        Path ws = root.resolve("kill-ws");
        Workspace w = Workspace.generate(KillTarget.spec(0), CatalogueRecipe.sources(), ws, WriteProgress.NONE);
        Strategy[] rotation = {Strategy.MEMORY_MAPPED, Strategy.MEMORY_MAPPED_TILED, Strategy.INDIVIDUAL_FILES, Strategy.HDF5};
        for (Strategy s : rotation) {
            w.writeStore(s, KillTarget.version(0), WriteProgress.NONE);
        }
        Random r = new Random(5);
        for (int run = 0; run < 12; run++) {
            Strategy s = rotation[run % rotation.length];
            killOnce(List.of("write", s.name(), ws.toString()), r.nextInt(250));
            checkStoreAfterKill(w.storeDir(s));
        }
        Path gws = root.resolve("kill-generate");
        Workspace.generate(KillTarget.spec(0), CatalogueRecipe.sources(), gws, WriteProgress.NONE);
        for (int run = 0; run < 10; run++) {
            killOnce(List.of("generate", gws.toString()), r.nextInt(400));
            checkWorkspaceAfterKill(gws);
        }
        TALLY.seconds.put("kills", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9));
        assertClean();
    }

    /** Starts the child, waits for its first round, lets it run a random while, then kills it with SIGKILL. */
    private static void killOnce(List<String> args, int delayMillis) throws Exception {
        List<String> cmd = FreshJvm.of(KillTarget.class, args.toArray(String[]::new)).command();
        // Standard error apart: the JVM's own start-up notes (the incubating Vector API) are not the child's first round.
        Path err = Files.createTempFile("kill-child", ".err");
        Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
        var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String first = out.readLine();
        Thread.sleep(delayMillis);
        Thread drain = new Thread(() -> {
            try {
                out.transferTo(java.io.Writer.nullWriter());
            } catch (IOException ignored) {
                // the child is gone
            }
        });
        drain.setDaemon(true);
        drain.start();
        boolean exitedByItself = p.isAlive() ? false : true;
        p.destroyForcibly(); // SIGKILL on Linux
        p.waitFor(30, TimeUnit.SECONDS);
        TALLY.kills++;
        int code = p.exitValue();
        if (exitedByItself || first == null || !first.startsWith("round ") || code != 137) {
            TALLY.crashes++;
            TALLY.problems.add("child " + args + " ended by itself with " + code + " (first line " + first + "; standard error "
                    + Files.readString(err).strip() + ")");
        }
        Files.delete(err);
    }

    /** The store name holds the old store or the new one, complete; leftovers are gone after the next open. */
    private static void checkStoreAfterKill(Path dir) {
        try {
            StoreManifest m = StoreManifest.read(dir.getParent().resolve(dir.getFileName())); // before recovery it may be missing
            int w = m.spec().width();
            if (w != 16 && w != 24) {
                TALLY.killBadStates++;
            }
        } catch (StoreException e) {
            // missing between the two renames: the open below must recover it
        }
        try (CutoutStore s = Stores.open(dir)) {
            int w = s.spec().width();
            StoreVerifier.Result v = StoreVerifier.verify(dir);
            if ((w != 16 && w != 24) || !v.ok()) {
                TALLY.killBadStates++;
                TALLY.problems.add("after kill " + dir + ": " + v);
            }
        } catch (StoreException e) {
            TALLY.killBadStates++;
            TALLY.problems.add("after kill " + dir + ": " + e.getMessage());
        }
        if (!AtomicFilesLeftovers.of(dir).isEmpty()) {
            TALLY.killLeftovers++;
            TALLY.problems.add("leftovers after recovery: " + AtomicFilesLeftovers.of(dir));
        }
    }

    /** A killed generate leaves a consistent pair or a workspace that write and info refuse; the next generate cleans up. */
    private static void checkWorkspaceAfterKill(Path root) {
        Workspace w = Workspace.at(root);
        try {
            w.requireComplete(true);
        } catch (StoreException e) {
            if (w.hasMosaic()) { // refused deeply but accepted shallowly: a mismatched pair would get through
                TALLY.killBadStates++;
                TALLY.problems.add("after generate kill: " + e.getMessage());
            }
        }
        Workspace.generate(KillTarget.spec(0), CatalogueRecipe.sources(), root, WriteProgress.NONE);
        try (var s = Files.list(root)) {
            if (s.anyMatch(p -> p.getFileName().toString().contains(".tmp-"))) {
                TALLY.killLeftovers++;
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    // ---- 4. the close race --------------------------------------------------------------------------

    @Test
    void e_sixteenThreadReadAndCloseRaceOnEveryStrategy() throws Exception {
        long t0 = System.nanoTime();
        for (Strategy s : Strategy.values()) {
            TALLY.race = TALLY.race.plus(CloseRace.run(root.resolve("templates").resolve(s.folder()), 4));
        }
        TALLY.seconds.put("race", String.format(Locale.ROOT, "%.0f s", (System.nanoTime() - t0) / 1e9));
        assertClean();
    }

    private static void assertClean() {
        assertTrue(TALLY.clean(), TALLY.summary() + "\n" + String.join("\n", TALLY.problems));
    }

    @AfterAll
    static void summary() throws IOException {
        String line = TALLY.summary();
        System.out.println(line);
        Path out = Path.of("target", "adversarial-summary.txt");
        if (Files.isDirectory(out.getParent(), LinkOption.NOFOLLOW_LINKS)) {
            Files.writeString(out, line + "\n");
        }
        assertEquals(0, TALLY.crashes, line);
    }
}
