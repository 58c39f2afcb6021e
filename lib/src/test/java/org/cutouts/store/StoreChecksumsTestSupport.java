package org.cutouts.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Lets a test edit a store as an older writer would have left it: without the manifest's checksums. */
final class StoreChecksumsTestSupport {
    private StoreChecksumsTestSupport() {
    }

    static void forgetChecksums(Path dir) throws IOException {
        Path m = dir.resolve(StoreManifest.FILE_NAME);
        ObjectMapper json = new ObjectMapper().enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
        ObjectNode n = (ObjectNode) json.readTree(m.toFile());
        n.remove("checksums");
        n.remove("manifestCrc32c");
        Files.write(m, json.writeValueAsBytes(n));
    }
}
