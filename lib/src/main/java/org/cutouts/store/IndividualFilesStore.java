package org.cutouts.store;

import org.cutouts.io.AtomicFiles;
import org.cutouts.io.StoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Locale;
import org.cutouts.data.Catalogue;
import org.cutouts.data.MosaicSource;

/**
 * The baseline the pipeline uses today: every cutout materialised as its own {@code .npy} file in
 * {@code cutouts/}. Edges are resolved when writing (PAD fills, STRICT refuses to write).
 */
final class IndividualFilesStore extends AbstractStore {
    static final String FOLDER = "cutouts";

    private final Path folder;
    private final byte[] expectedHeader;
    private final int fileBytes;
    private final ThreadLocal<ByteBuffer> buffers;

    private IndividualFilesStore(Path dir, StoreManifest m, Catalogue c) {
        super(dir, m, c);
        this.folder = dir.resolve(m.payload());
        this.expectedHeader = NpyHeader.encode(m.spec().height(), m.spec().width());
        this.fileBytes = expectedHeader.length + 4 * m.spec().pixels();
        this.buffers = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(fileBytes + 1).order(ByteOrder.LITTLE_ENDIAN));
    }

    static String fileName(int index) {
        return String.format(Locale.ROOT, "cutout_%07d.npy", index);
    }

    /** The file holding cutout {@code index}. */
    Path file(int index) {
        return folder.resolve(fileName(index));
    }

    static StoreWriter writer() {
        return new StoreWriter() {
            @Override
            public Strategy strategy() {
                return Strategy.INDIVIDUAL_FILES;
            }

            @Override
            public Path write(MosaicSource source, Catalogue catalogue, CutoutSpec spec, Path dir, WriteProgress progress) {
                return writeStore(dir, tmp -> {
                    Path out = Files.createDirectory(tmp.resolve(FOLDER));
                    writeCutouts(source, catalogue, spec, out, progress);
                    finish(tmp, catalogue, new StoreManifest(Strategy.INDIVIDUAL_FILES, source.width(), source.height(),
                            catalogue.size(), spec, FOLDER, source.describe(), Instant.now()));
                });
            }
        };
    }

    /** Writes one NPY file per cutout, each as the mosaic streams past (see {@link StampCutter}). */
    private static void writeCutouts(MosaicSource source, Catalogue cat, CutoutSpec spec, Path out, WriteProgress progress)
            throws IOException {
        byte[] header = NpyHeader.encode(spec.height(), spec.width());
        ByteBuffer bytes = ByteBuffer.allocateDirect(header.length + 4 * spec.pixels()).order(ByteOrder.LITTLE_ENDIAN);
        StampCutter.cutAll(source, cat, spec, progress, (i, stamp) -> {
            bytes.clear();
            bytes.put(header);
            bytes.asFloatBuffer().put(stamp);
            bytes.position(0).limit(header.length + 4 * stamp.length);
            try (FileChannel ch = FileChannel.open(out.resolve(fileName(i)), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                while (bytes.hasRemaining()) {
                    ch.write(bytes);
                }
            } catch (IOException e) {
                throw new AtomicFiles.AtomicFilesFailure(AtomicFiles.failure(out.resolve(fileName(i)), "cannot write cutout " + i, e));
            }
        });
    }

    static CutoutStore open(Path dir, StoreManifest m, ReadOptions ignored) {
        Catalogue c = readCatalogue(dir, m);
        Path folder = payload(dir, m);
        if (!Files.isDirectory(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new StoreException(folder, "expected a folder of .npy cutouts");
        }
        return new IndividualFilesStore(dir, m, c);
    }

    @Override
    protected void readPixels(int index, float[] dst, int offset) {
        checkOpen();
        checkIndex(index);
        Path f = file(index);
        ByteBuffer b = buffers.get();
        b.clear();
        org.cutouts.io.RegularFiles.require(f, "cutout file " + index + " is missing"); // a FIFO would block the open, a link could lead out of the store
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            // read one byte more than expected, to notice trailing garbage without a stat call
            while (b.hasRemaining()) {
                if (ch.read(b) < 0) {
                    break;
                }
            }
        } catch (NoSuchFileException e) {
            throw new StoreException(f, "cutout file " + index + " is missing");
        } catch (IOException e) {
            throw new StoreException(f, "cannot read cutout " + index, e);
        }
        b.flip();
        if (b.remaining() != fileBytes || !headerMatches(b)) {
            // Not byte-identical to what we write: the full parser either accepts it (a valid .npy of the
            // right shape written by another tool) or names exactly what is wrong with it.
            float[] px = Npy.read(f, manifest.spec().height(), manifest.spec().width());
            System.arraycopy(px, 0, dst, offset, px.length);
            return;
        }
        b.position(expectedHeader.length);
        b.asFloatBuffer().get(dst, offset, manifest.spec().pixels());
    }

    private boolean headerMatches(ByteBuffer b) {
        for (int k = 0; k < expectedHeader.length; k++) {
            if (b.get(k) != expectedHeader[k]) {
                return false;
            }
        }
        return true;
    }

    @Override
    protected void release() {
        // nothing held open between reads
    }
}
