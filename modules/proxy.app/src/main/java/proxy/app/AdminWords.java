package proxy.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The words after {@code users}, {@code grants} or {@code secrets}: an action, positional words, and
 * {@code --name value} options that may repeat ({@code --partition MIC=XLON --partition date=2024-01-01}), and
 * the flags of {@link #FLAGS}, which take no value ({@code --write}).
 *
 * @param command the command, for messages
 * @param action  the first word, e.g. {@code add}
 */
record AdminWords(String command, String action, List<String> positional, Map<String, List<String>> options) {
    /** Options that take no value; present, they read {@code true}. */
    static final Set<String> FLAGS = Set.of("write");

    static AdminWords parse(String command, List<String> words) {
        if (words.isEmpty() || words.getFirst().startsWith("-")) {
            throw new Arguments.UsageException(command + " needs an action");
        }
        var positional = new ArrayList<String>();
        var options = new LinkedHashMap<String, List<String>>();
        for (int i = 1; i < words.size(); i++) {
            String word = words.get(i);
            if (word.startsWith("--") && FLAGS.contains(word.substring(2))) {
                options.computeIfAbsent(word.substring(2), k -> new ArrayList<>()).add("true");
            } else if (word.startsWith("--")) {
                if (i + 1 >= words.size()) {
                    throw new Arguments.UsageException(command + ": " + word + " needs a value");
                }
                options.computeIfAbsent(word.substring(2), k -> new ArrayList<>()).add(words.get(++i));
            } else {
                positional.add(word);
            }
        }
        return new AdminWords(command, words.getFirst(), List.copyOf(positional), Map.copyOf(options));
    }

    /**
     * Fails on options not in {@code allowed} (besides {@code --config}), on repeats of options other than
     * {@code repeatable}, and on a number of positional words other than {@code positionals}.
     */
    AdminWords expect(int positionals, Set<String> allowed, Set<String> repeatable) {
        String what = command + " " + action;
        if (positional.size() != positionals) {
            throw new Arguments.UsageException(what + " takes " + positionals + " name(s), got " + positional);
        }
        options.forEach((name, values) -> {
            if (!allowed.contains(name) && !name.equals("config")) {
                throw new Arguments.UsageException(what + ": unknown option --" + name);
            }
            if (values.size() > 1 && !repeatable.contains(name)) {
                throw new Arguments.UsageException(what + ": --" + name + " given twice");
            }
        });
        return this;
    }

    /** Whether a flag of {@link #FLAGS} was given. */
    boolean flag(String name) {
        return options.containsKey(name);
    }

    Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name)).map(List::getFirst);
    }

    List<String> all(String name) {
        return options.getOrDefault(name, List.of());
    }

    String required(String name) {
        return option(name).orElseThrow(() -> new Arguments.UsageException(command + " " + action + " needs --" + name));
    }

    /** The arguments {@link ConfigFiles#load} reads {@code --config} from. */
    Arguments configArguments() {
        return new Arguments(command, option("config").map(c -> Map.of("config", c)).orElse(Map.of()), List.of());
    }
}
