package dev.drover.daemon.transcript;

import dev.drover.daemon.config.DaemonConfig;
import dev.drover.daemon.config.UserHome;
import dev.drover.daemon.profile.ProfileRegistry;
import dev.drover.daemon.session.SessionRegistry;
import dev.drover.profiles.AgentProfile;
import dev.drover.protocol.daemon.DaemonMessage;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Collects the agents' transcripts on this host for the hub (docs/conversations.md, ADR 0031): the
 * files each profile declares ({@code transcripts.paths}, in a {@code transcripts.format} the daemon
 * reads), for Drover's sessions and, unless {@code drover.daemon.transcripts.own-runs} is false, for
 * the user's own runs. The JDK's watch service (inotify on Linux) says which file changed; a rescan
 * every {@code rescan-interval} catches anything it missed and new directories. All reading happens
 * on one platform thread (parsing is CPU work), which also sends the batches, so they leave in order.
 */
@ApplicationScoped
public class TranscriptCollector {

    private static final Logger LOG = Logger.getLogger(TranscriptCollector.class);

    private final DaemonConfig config;
    private final ProfileRegistry profiles;
    private final SessionRegistry sessions;
    private final Set<Consumer<DaemonMessage.Transcript>> listeners = ConcurrentHashMap.newKeySet();
    private final ExecutorService reader = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("transcripts").daemon().factory());
    private final Map<WatchKey, Path> watched = new ConcurrentHashMap<>();
    private final Set<Path> watchedDirs = ConcurrentHashMap.newKeySet();
    private volatile TranscriptTailer tailer;
    private volatile WatchService watch;
    private volatile boolean closed;
    private volatile boolean rescanNow;

    public TranscriptCollector(DaemonConfig config, ProfileRegistry profiles, SessionRegistry sessions) {
        this.config = config;
        this.profiles = profiles;
        this.sessions = sessions;
    }

    /** Calls {@code listener} with each batch to send to the hub. */
    public void onBatch(Consumer<DaemonMessage.Transcript> listener) {
        listeners.add(listener);
    }

    /** The hub stored batch {@code batch}. */
    public void acknowledged(long batch) {
        onReader(tail -> {
            tail.acknowledged(batch);
            tail.persist();
        });
    }

    /** The hub welcomed a new connection: what it has not acknowledged goes again. */
    public void connected() {
        onReader(TranscriptTailer::connected);
    }

    void start(@Observes StartupEvent event) {
        DaemonConfig.Transcripts settings = config.transcripts();
        if (!settings.enabled()) {
            LOG.info("transcript collection is off (drover.daemon.transcripts.enabled=false)");
            return;
        }
        List<TranscriptTailer.Source> sources = sources();
        Redaction redaction = Redaction.of(settings.redactDefaults(), settings.redact().orElse(List.of()));
        tailer = new TranscriptTailer(sources, config.stateDir().resolve("transcripts").resolve("offsets.json"), redaction,
                sessions::sessionOfAgent, settings.ownRuns(), settings.maxInFlight(), settings.maxBatchEntries(),
                batch -> listeners.forEach(listener -> listener.accept(batch)));
        try {
            watch = FileSystems.getDefault().newWatchService();
        } catch (IOException e) {
            LOG.warnf("no file change events (%s): transcripts are read every %s", e.getMessage(), settings.rescanInterval());
        }
        LOG.infof("collecting transcripts of %s%s", String.join(", ", sources.stream().map(source -> source.agent() + " in "
                + source.root()).toList()), settings.ownRuns() ? "" : " (Drover sessions only)");
        Thread.ofPlatform().name("transcript-watch").daemon().start(this::watchLoop);
        profiles.onChange(offer -> onReader(tail -> {
            tail.sources(sources());
            rescanNow = true;
        }));
    }

    void stop(@Observes ShutdownEvent event) {
        closed = true;
        try {
            if (watch != null) {
                watch.close();
            }
        } catch (IOException e) {
            LOG.debugf("closing the transcript watch: %s", e.getMessage());
        }
        if (tailer != null) {
            onReader(TranscriptTailer::persist);
        }
        reader.shutdown();
        try {
            reader.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The profiles' declared transcript locations in a format the daemon reads, {@code ~} as {@code $HOME};
     * read again after every profile reload, since an override may move or add them.
     */
    private List<TranscriptTailer.Source> sources() {
        Path home = UserHome.of();
        List<TranscriptTailer.Source> sources = new ArrayList<>();
        for (AgentProfile profile : profiles.all()) {
            AgentProfile.Transcripts transcripts = profile.transcripts();
            if (transcripts == null || !TranscriptParser.reads(transcripts.format())) {
                continue;
            }
            for (String declared : transcripts.paths()) {
                if (declared.contains("{")) {
                    continue;
                }
                String expanded = declared.startsWith("~/") ? home.resolve(declared.substring(2)).toString() : declared;
                sources.add(new TranscriptTailer.Source(profile.id(), transcripts.format(), root(expanded),
                        FileSystems.getDefault().getPathMatcher("glob:" + expanded)));
            }
        }
        return sources;
    }

    /** The directory above a glob's first wildcard. */
    static Path root(String glob) {
        Path root = Path.of("/");
        for (Path segment : Path.of(glob)) {
            if (segment.toString().matches(".*[*?\\[{].*")) {
                break;
            }
            root = root.resolve(segment);
        }
        return root;
    }

    private void watchLoop() {
        long rescanMillis = config.transcripts().rescanInterval().toMillis();
        long nextScan = 0;
        while (!closed) {
            try {
                if (rescanNow || System.currentTimeMillis() >= nextScan) {
                    rescanNow = false;
                    register();
                    onReader(tail -> {
                        tail.scan();
                        tail.persist();
                    });
                    nextScan = System.currentTimeMillis() + rescanMillis;
                }
                if (watch == null) {
                    Thread.sleep(rescanMillis);
                    continue;
                }
                WatchKey key = watch.poll(Math.max(1, Math.min(250, nextScan - System.currentTimeMillis())), TimeUnit.MILLISECONDS);
                while (key != null) {
                    events(key);
                    key = watch.poll();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ClosedWatchServiceException e) {
                return;
            }
        }
    }

    private void events(WatchKey key) {
        Path dir = watched.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
                onReader(TranscriptTailer::scan);
                continue;
            }
            Path changed = dir.resolve((Path) event.context());
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(changed)) {
                registerTree(changed);
                onReader(TranscriptTailer::scan);
            } else {
                onReader(tail -> tail.changed(changed));
            }
        }
        if (!key.reset()) {
            watchedDirs.remove(watched.remove(key));
        }
    }

    /** Watches every directory under the roots that exist (new ones are found by the rescan and by creation events). */
    private void register() {
        if (watch == null) {
            return;
        }
        tailer.roots().stream().filter(Files::isDirectory).forEach(this::registerTree);
    }

    private void registerTree(Path top) {
        try {
            Files.walkFileTree(top, Set.of(java.nio.file.FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                    new SimpleFileVisitor<>() {
                        @Override
                        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) throws IOException {
                            if (watchedDirs.add(dir)) {
                                watched.put(dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE,
                                        StandardWatchEventKinds.ENTRY_MODIFY), dir);
                            }
                            return FileVisitResult.CONTINUE;
                        }

                        @Override
                        public FileVisitResult visitFileFailed(Path file, IOException e) {
                            return FileVisitResult.CONTINUE;
                        }
                    });
        } catch (IOException | ClosedWatchServiceException e) {
            LOG.debugf("watching %s: %s", top, e.getMessage());
        }
    }

    private void onReader(Consumer<TranscriptTailer> work) {
        TranscriptTailer tail = tailer;
        if (tail == null || reader.isShutdown()) {
            return;
        }
        reader.execute(() -> {
            try {
                work.accept(tail);
            } catch (RuntimeException e) {
                LOG.warnf(e, "collecting transcripts");
            }
        });
    }
}
