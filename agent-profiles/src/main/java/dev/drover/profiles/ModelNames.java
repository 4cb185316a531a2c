package dev.drover.profiles;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a model name a CLI reports finds its entry in a profile's per-model table ({@code pricing.models},
 * {@code context.models}): exactly, by one of the entry's aliases, or once a version suffix is removed.
 */
final class ModelNames {

    /** A version suffix a reported model name may carry beyond the listed name. */
    private static final Pattern VERSION_SUFFIX = Pattern.compile("-(\\d{8}|\\d{4}-\\d{2}-\\d{2}|\\d{3}|latest)$");

    private ModelNames() {
    }

    /** The entry of {@code model}: by its name or an alias, else by its name without a version suffix. */
    static <T> Optional<T> match(Map<String, T> table, Function<T, List<String>> aliases, String model) {
        Optional<T> named = named(table, aliases, model);
        if (named.isPresent()) {
            return named;
        }
        Matcher suffix = VERSION_SUFFIX.matcher(model);
        return suffix.find() ? named(table, aliases, model.substring(0, suffix.start())) : Optional.empty();
    }

    private static <T> Optional<T> named(Map<String, T> table, Function<T, List<String>> aliases, String model) {
        T entry = table.get(model);
        if (entry != null) {
            return Optional.of(entry);
        }
        return table.values().stream().filter(e -> aliases.apply(e).contains(model)).findFirst();
    }
}
