package dev.drover.daemon.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8BoundaryTest {

    @Test
    void completeTextIsCutAtItsEnd() {
        byte[] text = "a\u00e9\u20ac\ud83d\ude00".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8Boundary.completePrefix(text, text.length)).isEqualTo(text.length);
    }

    @Test
    void anIncompleteTrailingSequenceIsHeldBack() {
        byte[] emoji = "x\ud83d\ude00".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8Boundary.completePrefix(emoji, 2)).isEqualTo(1);
        assertThat(Utf8Boundary.completePrefix(emoji, 3)).isEqualTo(1);
        assertThat(Utf8Boundary.completePrefix(emoji, 4)).isEqualTo(1);
        assertThat(Utf8Boundary.completePrefix(emoji, 5)).isEqualTo(5);
        byte[] euro = "\u20ac".getBytes(StandardCharsets.UTF_8);
        assertThat(Utf8Boundary.completePrefix(euro, 1)).isZero();
        assertThat(Utf8Boundary.completePrefix(euro, 2)).isZero();
    }

    @Test
    void bytesThatCannotBeUtf8AreNeverHeld() {
        assertThat(Utf8Boundary.completePrefix(new byte[] {'a', (byte) 0xff}, 2)).isEqualTo(2);
        assertThat(Utf8Boundary.completePrefix(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80}, 4)).isEqualTo(4);
        assertThat(Utf8Boundary.completePrefix(new byte[] {'a', (byte) 0xc0}, 2)).isEqualTo(2);
    }
}
