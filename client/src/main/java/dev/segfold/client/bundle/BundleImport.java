package dev.segfold.client.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.segfold.contracts.checkpoint.CheckpointManifest;
import dev.segfold.contracts.checkpoint.ManifestFile;
import dev.segfold.contracts.json.ContractJson;
import dev.segfold.contracts.spec.Configuration;
import dev.segfold.contracts.storage.CheckpointLayout;
import dev.segfold.contracts.storage.RunLayout;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Turns a fold bundle ({@code package/fold<k>.zip} or {@code package/<configuration>/fold<k>.zip}
 * of some run) into the objects that make it a checkpoint of another run's fold: the checkpoint's
 * files under {@code <run>/<configuration>/fold<k>/iter_<n>/}, then its {@code checkpoint.json}
 * with run, configuration, stage and fold rewritten so the evaluator accepts it. Every listed file
 * is checked against the manifest's size and SHA-256 before anything is returned, and no entry
 * name can leave its prefix.
 */
public final class BundleImport {
    private static final Pattern CHECKPOINT_ENTRY = Pattern.compile("iter_(\\d{1,9})/(.+)");
    /** The most bytes one bundle may expand to; a guard against zip bombs. */
    static final long MAX_TOTAL_BYTES = 8L << 30;

    private BundleImport() {
    }

    /**
     * One object to upload, in order.
     *
     * @param key     object key in the runs bucket
     * @param content its bytes
     */
    public record Upload(String key, byte[] content) {}

    /**
     * What to upload: {@code files} first, {@code manifest} last (its landing is what makes the
     * checkpoint complete).
     *
     * @param files    the checkpoint's files
     * @param manifest the rewritten {@code checkpoint.json}
     * @param parsed   the rewritten manifest
     */
    public record Plan(List<Upload> files, Upload manifest, CheckpointManifest parsed) {}

    /** The stage a configuration trains in: 1 for {@code 3d_cascade_fullres}, else 0. */
    public static int stageOf(String configuration) {
        return Configuration.find(configuration).filter(c -> c == Configuration.CASCADE_FULLRES_3D).isPresent() ? 1 : 0;
    }

    /**
     * Reads a bundle and plans its import.
     *
     * @param bundle        the zip's bytes
     * @param source        its name, for messages
     * @param runId         the run to import into
     * @param configuration the configuration (stage) to import as; null keeps the manifest's own
     * @param fold          the fold to import as
     * @throws IllegalArgumentException naming the bundle and the entry or field when the bundle is
     *                                  unusable: no or several checkpoints, an entry name that
     *                                  escapes, a missing file, a size or digest that differs
     */
    public static Plan plan(InputStream bundle, String source, String runId, String configuration, int fold)
            throws IOException {
        RunLayout run = RunLayout.of(runId);
        Map<String, byte[]> checkpointFiles = new LinkedHashMap<>();
        byte[] manifestBytes = null;
        Integer iteration = null;
        long total = 0;
        try (ZipInputStream zip = new ZipInputStream(bundle)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                String name = requireSafeName(e.getName(), source);
                if (e.isDirectory()) {
                    continue;
                }
                Matcher m = CHECKPOINT_ENTRY.matcher(name);
                if (!m.matches()) {
                    continue; // postprocessing.json, summary.json, the config, the plot: not part of the checkpoint
                }
                int it = Integer.parseInt(m.group(1));
                if (iteration != null && iteration != it) {
                    throw new IllegalArgumentException(source + " holds two checkpoints, iter_" + iteration
                            + " and iter_" + it + "; a fold bundle holds one");
                }
                iteration = it;
                byte[] content = zip.readAllBytes();
                total += content.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw new IllegalArgumentException(source + " expands to more than " + MAX_TOTAL_BYTES + " bytes");
                }
                String file = m.group(2);
                if (file.equals(CheckpointLayout.MANIFEST)) {
                    manifestBytes = content;
                } else if (checkpointFiles.put(file, content) != null) {
                    throw new IllegalArgumentException(source + " lists entry " + name + " twice");
                }
            }
        }
        if (manifestBytes == null) {
            throw new IllegalArgumentException(source + " has no iter_<n>/" + CheckpointLayout.MANIFEST
                    + ": not a fold bundle");
        }
        CheckpointManifest manifest = rewrite(manifestBytes, source, runId, configuration, fold, iteration);
        CheckpointLayout target = run.checkpoint(manifest.configuration(), fold, manifest.iteration());
        List<Upload> files = new ArrayList<>();
        for (ManifestFile listed : manifest.files()) {
            byte[] content = checkpointFiles.get(listed.name());
            String where = source + ": iter_" + iteration + "/" + listed.name();
            if (content == null) {
                throw new IllegalArgumentException(where + " is listed in checkpoint.json but missing from the bundle");
            }
            if (content.length != listed.size()) {
                throw new IllegalArgumentException(where + " has " + content.length + " bytes, checkpoint.json says "
                        + listed.size());
            }
            if (!sha256(content).equals(listed.sha256())) {
                throw new IllegalArgumentException(where + " does not match its SHA-256 in checkpoint.json");
            }
            files.add(new Upload(target.file(listed.name()), content));
        }
        return new Plan(files, new Upload(target.manifest(), rewrittenBytes(manifestBytes, manifest)), manifest);
    }

    /** An entry name that stays inside the bundle: relative, forward slashes, no dot segments. */
    static String requireSafeName(String name, String source) {
        String why = null;
        if (name == null || name.isEmpty()) {
            why = "is empty";
        } else if (name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
            why = "is absolute or uses backslashes";
        } else if (name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            why = "has control characters";
        } else {
            for (String segment : name.split("/", -1)) {
                if (segment.equals("..") || segment.equals(".")) {
                    why = "has a '" + segment + "' segment";
                    break;
                }
            }
        }
        if (why != null) {
            throw new IllegalArgumentException(source + ": entry " + "\"" + String.valueOf(name).replaceAll("\\p{Cntrl}", "?") + "\"" + " " + why
                    + "; it could escape its folder");
        }
        return name;
    }

    private static CheckpointManifest rewrite(byte[] manifestBytes, String source, String runId, String configuration,
            int fold, int iteration) {
        JsonNode tree;
        try {
            tree = ContractJson.mapper().readTree(manifestBytes);
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ": iter_" + iteration + "/checkpoint.json is not JSON: "
                    + e.getMessage(), e);
        }
        if (!(tree instanceof ObjectNode root)) {
            throw new IllegalArgumentException(source + ": iter_" + iteration + "/checkpoint.json is not a JSON object");
        }
        String target = configuration != null ? configuration : root.path("configuration").asText(null);
        if (target == null) {
            throw new IllegalArgumentException(source + ": checkpoint.json names no configuration; pass --configuration");
        }
        root.put("runId", runId);
        root.put("configuration", target);
        root.put("stage", stageOf(target));
        root.put("fold", fold);
        CheckpointManifest manifest;
        try {
            manifest = ContractJson.read(ContractJson.mapper().writeValueAsBytes(root), CheckpointManifest.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": iter_" + iteration + "/checkpoint.json: " + e.getMessage(), e);
        }
        if (manifest.iteration() != iteration) {
            throw new IllegalArgumentException(source + ": checkpoint.json says iteration " + manifest.iteration()
                    + " but lies in iter_" + iteration);
        }
        if (!manifest.finalCheckpoint()) {
            throw new IllegalArgumentException(source + ": checkpoint.json is not a final checkpoint (\"final\": false)");
        }
        return manifest;
    }

    /** The original JSON with the four fields replaced: fields the contract does not know (the engine's seed) stay. */
    private static byte[] rewrittenBytes(byte[] original, CheckpointManifest manifest) throws IOException {
        ObjectNode root = (ObjectNode) ContractJson.mapper().readTree(original);
        root.put("runId", manifest.runId());
        root.put("configuration", manifest.configuration());
        root.put("stage", manifest.stage());
        root.put("fold", manifest.fold());
        return ContractJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
