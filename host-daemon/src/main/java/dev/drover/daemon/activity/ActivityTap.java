package dev.drover.daemon.activity;

import dev.drover.daemon.session.OutputTap;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One session's output as its activity detector sees it, on the terminal model's thread: titles, OSC
 * marks and notifications as the bytes pass ({@link TerminalSignals}), and the screen's text once per
 * batch of new output, only when the profile has screen patterns. Hands each {@link Observation} to
 * {@code observed}, which must be quick.
 */
final class ActivityTap implements OutputTap, TerminalSignals.Listener {

    private final ActivityRules rules;
    private final Consumer<Observation> observed;
    private final TerminalSignals signals = new TerminalSignals(this);
    private String title;
    private boolean fresh;

    ActivityTap(ActivityRules rules, Consumer<Observation> observed) {
        this.rules = rules;
        this.observed = observed;
    }

    @Override
    public void bytes(byte[] bytes, int from, int length) {
        fresh = true;
        signals.scan(bytes, from, length);
    }

    @Override
    public void skipped() {
        signals.reset();
    }

    @Override
    public void caughtUp(Supplier<String> screen) {
        if (fresh && rules.readsScreen()) {
            observed.accept(rules.screen(screen.get()));
        }
        fresh = false;
    }

    @Override
    public void title(String text) {
        if (!Objects.equals(text, title)) {
            title = text;
            observed.accept(rules.title(text));
        }
    }

    @Override
    public void notification(String kind, String text) {
        rules.bell(kind, text).ifPresent(observed);
    }

    @Override
    public void osc(String payload) {
        rules.osc(payload).ifPresent(observed);
    }
}
