package dev.drover.protocol.daemon;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drover.protocol.golden.QuarkusJson;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * JSON text frames on the hub-daemon socket, decoded as the hub and the daemon decode them (Quarkus'
 * object mapper: unknown properties ignored, ISO dates): a valid message reads back equal, and any
 * text at all either decodes or fails with a {@link JsonProcessingException} (which both ends answer
 * with close code 1007), never another exception, quickly, however deep or long.
 */
class DaemonMessageProperties {

    private static final ObjectMapper JSON = QuarkusJson.MAPPER;

    @Property(tries = 1000)
    void aValidMessageReadsBackEqual(@ForAll("messages") DaemonMessage message) throws Exception {
        String text = JSON.writerFor(DaemonMessage.class).writeValueAsString(message);

        assertThat(JSON.readValue(text, DaemonMessage.class)).isEqualTo(message);
    }

    @Property(tries = 1000)
    void anyTextDecodesOrIsRefusedAsMalformedJson(@ForAll("texts") String text) {
        Throwable failure = catchThrowable(() -> JSON.readValue(text, DaemonMessage.class));

        assertThat(failure).satisfiesAnyOf(
                none -> assertThat(none).isNull(),
                refused -> assertThat(refused).isInstanceOf(JsonProcessingException.class));
    }

    @Example
    void theWholeSamplesOfEveryDaemonMessageDecode() throws Exception {
        for (String text : DaemonReports.valid()) {
            assertThat(JSON.readValue(text, DaemonMessage.class)).as(text).isNotNull();
        }
    }

    @Example
    void deepNestingIsRefusedQuickly() {
        String deep = "{\"type\":\"hello\",\"sessions\":" + "[".repeat(200_000) + "]".repeat(200_000) + "}";
        long started = System.nanoTime();

        assertThatThrownBy(() -> JSON.readValue(deep, DaemonMessage.class)).isInstanceOf(JsonProcessingException.class);
        assertThat(System.nanoTime() - started).as("nanoseconds").isLessThan(10_000_000_000L);
    }

    @Example
    void aHugeNumberIsRefusedQuickly() {
        String huge = "{\"type\":\"credit\",\"streamId\":1,\"bytes\":" + "9".repeat(1_000_000) + "}";
        long started = System.nanoTime();

        assertThatThrownBy(() -> JSON.readValue(huge, DaemonMessage.class)).isInstanceOf(JsonProcessingException.class);
        assertThat(System.nanoTime() - started).as("nanoseconds").isLessThan(10_000_000_000L);
    }

    @Provide
    Arbitrary<DaemonMessage> messages() {
        Arbitrary<UUID> ids = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
        Arbitrary<String> text = HostileMessages.strings(30);
        Arbitrary<Long> longs = Arbitraries.longs();
        Arbitrary<Integer> ints = Arbitraries.integers();
        Arbitrary<Instant> instants = Arbitraries.longs().between(-10_000_000_000L, 100_000_000_000L)
                .map(Instant::ofEpochSecond);
        Arbitrary<SessionReport> reports = Combinators.combine(ids, Arbitraries.of(SessionRunState.class), longs,
                ints.injectNull(0.3)).as(SessionReport::new);
        return Arbitraries.oneOf(List.of(
                Combinators.combine(ints, text, text, text, text, reports.list().ofMaxSize(3))
                        .as(DaemonMessage.Hello::new),
                Combinators.combine(ids, ints).as(DaemonMessage.Welcome::new),
                Combinators.combine(text, ids, text.list().ofMaxSize(3), text,
                                Arbitraries.maps(text, text).ofMaxSize(2), ints, ints)
                        .as((request, session, command, cwd, env, cols, rows) ->
                                new DaemonMessage.Spawn(request, session, command, cwd, Map.copyOf(env), cols, rows)),
                Combinators.combine(text, ids, longs).as(DaemonMessage.Spawned::new),
                Combinators.combine(text, ids, text).as(DaemonMessage.SpawnFailed::new),
                Combinators.combine(ids, ints, ints).as(DaemonMessage.Resize::new),
                Combinators.combine(ids, text).as(DaemonMessage.Stop::new),
                Combinators.combine(ids, ints.injectNull(0.3), longs, text).as(DaemonMessage.SessionExited::new),
                Combinators.combine(longs, ids, longs, longs, Arbitraries.of(true, false)).as(DaemonMessage.OpenStream::new),
                Combinators.combine(longs, longs).as(DaemonMessage.Credit::new),
                longs.map(DaemonMessage.CloseStream::new),
                Combinators.combine(longs, longs, Arbitraries.of(StreamEndReason.class), ints.injectNull(0.5))
                        .as(DaemonMessage.StreamEnded::new),
                Combinators.combine(longs, longs, ints, ints, text, ints, longs).as(DaemonMessage.Screen::new),
                Combinators.combine(ids, text).as(DaemonMessage.SpawnProgress::new),
                Combinators.combine(ids, text, text, instants).as(DaemonMessage.AgentHook::new),
                Combinators.combine(text, Arbitraries.of(true, false)).as(DaemonMessage.ListProjects::new),
                Combinators.combine(text, text, text, text).as(DaemonMessage.DiscardWorktree::new),
                Combinators.combine(text, text).as(DaemonMessage.RequestFailed::new),
                Combinators.combine(ids, text, text.injectNull(0.3), ints.injectNull(0.3), Arbitraries.of(true, false))
                        .as(DaemonMessage.ShellState::new)));
    }

    /**
     * Hostile text: random characters, JSON objects that name a real message type with fields of the right
     * names holding values of any JSON type, whole or damaged, and every daemon message with one value null.
     */
    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(HostileMessages.texts(), DaemonReports.oneValueNulled());
    }
}
