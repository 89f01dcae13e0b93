package dev.segfold.contracts.spec.paddleseg;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.segfold.contracts.spec.InvalidSpecException;
import dev.segfold.contracts.spec.RunSpec;
import dev.segfold.contracts.spec.SpecProblem;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Nothing in a PaddleSeg YAML is accepted and then ignored: every key the reader reads is changed
 * in turn in the seed's config, and the run must then differ (a run-spec field, which
 * {@code FoldSettingsReachTrainingTest} in config-service follows to the trainer), or the config
 * must be refused naming the key, or the answer must report it (a path mapping or a warning).
 */
class YamlKeyEffectTest {
    private final PaddleSegYamlReader reader = new PaddleSegYamlReader();

    enum Effect { CHANGES_RUN, REFUSED, MAPPED, WARNED }

    @Test
    void everyKeyTheReaderReadsChangesTheRunOrIsRefusedOrReported() {
        String text = SeedYaml.text();
        YamlImport base = reader.read(SeedYaml.NAME, text, SeedYaml.seedQuery(), "run-1");
        Map<String, String> table = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        for (String key : base.usedKeys()) {
            Map<String, Object> tree = load(text);
            Object value = get(tree, key);
            if (value instanceof Map<?, ?> || value instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof Map<?, ?>) {
                continue; // a section: its leaves are walked on their own
            }
            set(tree, key, changed(value));
            String mutated = new Yaml().dump(tree);
            Effect effect;
            String detail;
            try {
                YamlImport read = reader.read(SeedYaml.NAME, mutated, SeedYaml.seedQuery(), "run-1");
                List<String> fields = differingFields(base.spec(), read.spec());
                if (!fields.isEmpty()) {
                    effect = Effect.CHANGES_RUN;
                    detail = "spec " + fields;
                } else if (!read.mappings().equals(base.mappings())
                        && read.mappings().stream().anyMatch(m -> m.field().equals(key))) {
                    effect = Effect.MAPPED;
                    detail = "pathMappings";
                } else if (read.warnings().stream().anyMatch(w -> w.field().startsWith(key))
                        && read.warnings().size() > 0) {
                    effect = Effect.WARNED;
                    detail = read.warnings().stream().filter(w -> w.field().startsWith(key)).findFirst()
                            .map(SpecProblem::reason).orElse("");
                } else {
                    ignored.add(key + " = " + value);
                    continue;
                }
            } catch (InvalidSpecException e) {
                // named as the field, or as the other side of a contradiction ("... but model.cascade is False")
                boolean named = e.problems().stream().anyMatch(p -> p.field().startsWith(key)
                        || key.startsWith(p.field()) && !p.field().isEmpty() || p.reason().contains(key));
                assertTrue(named, key + " changed to " + changed(value) + " was refused without naming it: "
                        + e.problems());
                effect = Effect.REFUSED;
                detail = e.problems().get(0).reason();
            }
            table.put(key, effect + " (" + detail + ")");
        }
        table.forEach((k, v) -> System.out.println("[yaml key] " + k + ": " + v));
        assertTrue(ignored.isEmpty(), "keys read and then ignored: " + ignored);
        // the keys that must change what trains do
        for (String key : List.of("iters", "optimizer.momentum", "optimizer.weight_decay",
                "lr_scheduler.learning_rate", "lr_scheduler.power",
                "loss.types[0].losses[0].batch_dice")) {
            assertTrue(table.getOrDefault(key, "").startsWith("CHANGES_RUN"), key + ": " + table.get(key));
        }
        assertFalse(table.isEmpty());
    }

    @Test
    void anUnknownKeyIsReportedAndChangesNothing() {
        Map<String, Object> tree = load(SeedYaml.text());
        @SuppressWarnings("unchecked")
        Map<String, Object> model = (Map<String, Object>) tree.get("model");
        model.put("dropout", 0.3);
        YamlImport base = reader.read(SeedYaml.NAME, SeedYaml.text(), SeedYaml.seedQuery(), "run-1");
        YamlImport read = reader.read(SeedYaml.NAME, new Yaml().dump(tree), SeedYaml.seedQuery(), "run-1");
        assertTrue(read.unknownKeys().contains("model.dropout"), read.unknownKeys().toString());
        assertTrue(differingFields(base.spec(), read.spec()).isEmpty());
    }

    /** The run-spec components that differ. */
    static List<String> differingFields(RunSpec a, RunSpec b) {
        List<String> out = new ArrayList<>();
        for (RecordComponent c : RunSpec.class.getRecordComponents()) {
            try {
                if (!Objects.equals(c.getAccessor().invoke(a), c.getAccessor().invoke(b))) {
                    out.add(c.getName());
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return out;
    }

    private static Object changed(Object value) {
        if (value instanceof Boolean b) {
            return !b;
        }
        if (value instanceof Integer i) {
            return i + 1;
        }
        if (value instanceof Double d) {
            return d == 0 ? 0.5 : d < 1 ? d / 2 : d * 2;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(YamlKeyEffectTest::changed).toList();
        }
        return value + "x";
    }

    private static Map<String, Object> load(String text) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    }

    /** The node at a path such as {@code loss.types[0].losses[0].batch_dice}. */
    private static Object get(Object tree, String path) {
        Object node = tree;
        for (String part : path.split("\\.")) {
            node = step(node, part);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static void set(Map<String, Object> tree, String path, Object value) {
        int dot = path.lastIndexOf('.');
        Object parent = dot < 0 ? tree : get(tree, path.substring(0, dot));
        String last = dot < 0 ? path : path.substring(dot + 1);
        int bracket = last.indexOf('[');
        if (bracket >= 0) {
            List<Object> list = (List<Object>) ((Map<String, Object>) parent).get(last.substring(0, bracket));
            list.set(Integer.parseInt(last.substring(bracket + 1, last.length() - 1)), value);
        } else {
            ((Map<String, Object>) parent).put(last, value);
        }
    }

    private static Object step(Object node, String part) {
        int bracket = part.indexOf('[');
        String name = bracket < 0 ? part : part.substring(0, bracket);
        Object child = ((Map<?, ?>) node).get(name);
        while (bracket >= 0) {
            int close = part.indexOf(']', bracket);
            child = ((List<?>) child).get(Integer.parseInt(part.substring(bracket + 1, close)));
            bracket = part.indexOf('[', close);
        }
        return child;
    }
}
