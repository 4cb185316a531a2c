package dev.drover.daemon.activity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TerminalSignalsTest {

    private final List<String> found = new ArrayList<>();
    private final TerminalSignals signals = new TerminalSignals(new TerminalSignals.Listener() {
        @Override
        public void title(String title) {
            found.add("title " + title);
        }

        @Override
        public void notification(String kind, String text) {
            found.add(kind + " " + text);
        }

        @Override
        public void osc(String payload) {
            found.add("osc " + payload);
        }
    });

    private void scan(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        signals.scan(bytes, 0, bytes.length);
    }

    @Test
    void titlesNotificationsAndMarksAreFoundInOrderAndABelEndingAnOscIsNoBell() {
        scan("plain\u001b]0;✋  Action Required (p)\u0007text\u001b]2;⠋ cproj\u001b\\\u0007more\u001b[1m"
                + "\u001b]9;Claude needs you\u0007\u001b]9;4;1;50\u0007\u001b]777;notify;Codex;Approve?\u0007"
                + "\u001b]7501;state=working:app=codex\u0007\u001b]11;?\u0007");
        assertThat(found).containsExactly("title ✋  Action Required (p)", "title ⠋ cproj", "BEL null", "OSC 9 Claude needs you",
                "osc 9;4;1;50", "OSC 777 Approve?", "osc 7501;state=working:app=codex");
    }

    @Test
    void aSequenceSplitAtAnyByteIsFoundOnce() {
        byte[] bytes = "a\u001b]0;✦  Working… (p)\u001b\\b\u0007".getBytes(StandardCharsets.UTF_8);
        for (int split = 0; split <= bytes.length; split++) {
            found.clear();
            signals.reset();
            signals.scan(bytes, 0, split);
            signals.scan(bytes, split, bytes.length - split);
            assertThat(found).as("split at %d", split).containsExactly("title ✦  Working… (p)", "BEL null");
        }
    }

    @Test
    void anOverlongOrAbandonedSequenceSaysNothing() {
        scan("\u001b]0;" + "x".repeat(TerminalSignals.MAX_PAYLOAD + 1) + "\u0007\u001b]0;gone\u0018\u001b]2;kept\u0007");
        assertThat(found).containsExactly("title kept");
    }
}
