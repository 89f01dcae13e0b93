package dev.segfold.contracts.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the query parameters of {@code POST /runs} into a {@link RunRequest}: with a YAML body
 * they carry what the YAML cannot say (data set, folds, imports, intervals), and they override the
 * YAML where both speak ({@code iterations} over {@code iters}). Names are the JSON field names;
 * network overrides are flat ({@code baseFeatures}, {@code maxPools}, {@code patch=40,56,40}).
 * Every parameter that is unknown, repeated or of the wrong type is a problem, named by the
 * parameter.
 */
public final class RunQuery {

    /** Every parameter accepted. */
    public static final Set<String> PARAMETERS = Set.of("name", "dataset", "configuration", "folds", "importedFolds",
            "cascadeFolds", "iterations", "cascadeIterations", "batchSize", "saveInterval", "logInterval",
            "keepCheckpoints", "seed", "precision", "baseFeatures", "maxPools", "patch", "postprocessing",
            "evaluateEveryCheckpoint", "timeBudget", "epochIterations", "validationBatches");

    private RunQuery() {
    }

    /**
     * Reads {@code parameters} (name to values, as a JAX-RS {@code MultivaluedMap} gives them).
     *
     * @return the request, or every problem found
     */
    public static Validated<RunRequest> read(Map<String, List<String>> parameters) {
        List<SpecProblem> problems = new ArrayList<>();
        Values v = new Values(parameters, problems);
        for (String key : parameters.keySet()) {
            if (!PARAMETERS.contains(key)) {
                problems.add(new SpecProblem(key, "is not a run parameter; known are " + PARAMETERS.stream().sorted().toList()));
            }
        }
        Integer base = v.integer("baseFeatures");
        Integer pools = v.integer("maxPools");
        List<Integer> patch = v.integers("patch");
        RunRequest request = RunRequest.builder()
                .name(v.text("name"))
                .dataset(v.text("dataset"))
                .configuration(v.text("configuration"))
                .folds(v.folds("folds"))
                .importedFolds(v.folds("importedFolds"))
                .cascadeFolds(v.folds("cascadeFolds"))
                .iterations(v.integer("iterations"))
                .cascadeIterations(v.integer("cascadeIterations"))
                .batchSize(v.integer("batchSize"))
                .saveInterval(v.integer("saveInterval"))
                .logInterval(v.integer("logInterval"))
                .keepCheckpoints(v.integer("keepCheckpoints"))
                .seed(v.longValue("seed"))
                .precision(v.text("precision"))
                .network(base == null && pools == null && patch == null ? null : new NetworkOverrides(base, pools, patch))
                .postprocessing(v.bool("postprocessing"))
                .evaluateEveryCheckpoint(v.bool("evaluateEveryCheckpoint"))
                .timeBudget(v.text("timeBudget"))
                .epochIterations(v.integer("epochIterations"))
                .validationBatches(v.integer("validationBatches"))
                .build();
        return problems.isEmpty() ? Validated.valid(request) : Validated.invalid(problems);
    }

    /** Typed access to single-valued parameters, reporting problems. */
    private record Values(Map<String, List<String>> parameters, List<SpecProblem> problems) {

        String text(String name) {
            List<String> values = parameters.get(name);
            if (values == null || values.isEmpty()) {
                return null;
            }
            if (values.size() > 1) {
                problems.add(new SpecProblem(name, "is given " + values.size() + " times; give it once"
                        + (name.endsWith("olds") ? " with folds separated by commas" : "")));
                return null;
            }
            return values.get(0);
        }

        FoldSelection folds(String name) {
            String text = text(name);
            return text == null ? null : FoldSelection.parse(text);
        }

        Integer integer(String name) {
            String text = text(name);
            if (text == null) {
                return null;
            }
            try {
                return Integer.valueOf(text.strip());
            } catch (NumberFormatException e) {
                problems.add(new SpecProblem(name, "\"" + shorten(text) + "\" is not an integer"));
                return null;
            }
        }

        Long longValue(String name) {
            String text = text(name);
            if (text == null) {
                return null;
            }
            try {
                return Long.valueOf(text.strip());
            } catch (NumberFormatException e) {
                problems.add(new SpecProblem(name, "\"" + shorten(text) + "\" is not an integer"));
                return null;
            }
        }

        List<Integer> integers(String name) {
            String text = text(name);
            if (text == null) {
                return null;
            }
            List<Integer> out = new ArrayList<>();
            String[] parts = text.split(",", -1);
            for (int i = 0; i < parts.length; i++) {
                try {
                    out.add(Integer.valueOf(parts[i].strip()));
                } catch (NumberFormatException e) {
                    problems.add(new SpecProblem(name + "[" + i + "]", "\"" + shorten(parts[i]) + "\" is not an integer"));
                    out.add(null);
                }
            }
            return out;
        }

        Boolean bool(String name) {
            String text = text(name);
            if (text == null) {
                return null;
            }
            return switch (text.strip().toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> {
                    problems.add(new SpecProblem(name, "\"" + shorten(text) + "\" is not true or false"));
                    yield null;
                }
            };
        }

        private static String shorten(String value) {
            String p = value.replaceAll("[^\\x20-\\x7e]", "?");
            return p.length() > 40 ? p.substring(0, 40) + "..." : p;
        }
    }
}
