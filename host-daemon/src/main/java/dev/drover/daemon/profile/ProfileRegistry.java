package dev.drover.daemon.profile;

import dev.drover.profiles.AgentProfile;
import dev.drover.profiles.ProfileCatalog;
import dev.drover.profiles.ProfileLoader;
import dev.drover.profiles.ProfileProblem;
import dev.drover.protocol.daemon.DaemonMessage;
import dev.drover.protocol.daemon.ProfileInfo;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The agent profiles this daemon offers: the shipped ones with the overrides directory merged
 * over them, each with whether its CLI is installed here. Reloads by itself when a file in the
 * overrides directory changes, and tells its listeners (the hub link) what it now offers.
 */
@ApplicationScoped
public class ProfileRegistry {

    private static final Logger LOG = Logger.getLogger(ProfileRegistry.class);
    private static final long RETRY_MILLIS = 2000;

    private final ProfilesConfig config;
    private final ProfileLoader loader = new ProfileLoader();
    private final Set<Consumer<DaemonMessage.Profiles>> listeners = ConcurrentHashMap.newKeySet();
    private final Thread watcher;
    private volatile ProfileCatalog catalog;
    private volatile DaemonMessage.Profiles offer;
    private volatile WatchService watch;
    private volatile boolean closed;

    public ProfileRegistry(ProfilesConfig config) {
        this.config = config;
        WatchService first = watchDirectory();
        watch = first;
        reload();
        watcher = Thread.ofVirtual().name("profile-watch").start(() -> watchOverrides(first));
    }

    /** The profile {@code id}, if it loaded. */
    public Optional<AgentProfile> find(String id) {
        return catalog.find(id);
    }

    /** Every profile that loaded. */
    public List<AgentProfile> all() {
        return List.copyOf(catalog.all());
    }

    /** What this host offers, for the hub. */
    public DaemonMessage.Profiles offer() {
        return offer;
    }

    /** Calls {@code listener} with the new offer after every reload. */
    public void onChange(Consumer<DaemonMessage.Profiles> listener) {
        listeners.add(listener);
    }

    /** Loads the profiles again, detects their CLIs and tells the listeners. */
    public synchronized void reload() {
        ProfileCatalog loaded = loader.load(Optional.of(config.dir()));
        loaded.problems().forEach(problem -> LOG.warnf("agent profile refused: %s", problem));
        List<ProfileInfo> infos = detect(loaded);
        catalog = loaded;
        offer = new DaemonMessage.Profiles(infos, loaded.problems().stream().map(ProfileProblem::toString).toList());
        LOG.infof("agent profiles: %s", String.join(", ", infos.stream()
                .map(info -> info.id() + (info.installed() ? info.version() == null ? "" : " " + info.version() : " (not installed)"))
                .toList()));
        listeners.forEach(listener -> listener.accept(offer));
    }

    private List<ProfileInfo> detect(ProfileCatalog loaded) {
        String path = System.getenv("PATH");
        try (ExecutorService detectors = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<ProfileInfo>> detections = loaded.all().stream()
                    .map(profile -> detectors.submit(() -> AgentDetection.detect(profile, path, config.detectTimeout())))
                    .toList();
            return detections.stream().map(ProfileRegistry::result).toList();
        }
    }

    private static ProfileInfo result(Future<ProfileInfo> detection) {
        try {
            return detection.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while detecting agent CLIs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("agent CLI detection failed", e.getCause());
        }
    }

    /**
     * Reloads on every change in the overrides directory. {@code service} already watches it
     * (registered before the first load, so no change is missed); when the directory does not
     * exist yet, or watching fails, waits for it and reloads once it is watched.
     */
    private void watchOverrides(WatchService service) {
        WatchService current = service;
        while (!closed) {
            if (current == null) {
                if (!sleep(RETRY_MILLIS)) {
                    return;
                }
                current = watchDirectory();
                if (current != null) {
                    reload();
                }
                continue;
            }
            try (WatchService active = current) {
                watch = active;
                while (!closed) {
                    WatchKey key = active.take();
                    drainQuietPeriod(active, key);
                    reload();
                    if (!key.reset()) {
                        break;
                    }
                }
            } catch (IOException e) {
                LOG.warnf("stopped watching %s for profile changes: %s", config.dir(), e.getMessage());
            } catch (InterruptedException | ClosedWatchServiceException e) {
                return;
            }
            current = null;
        }
    }

    /** A watch on the overrides directory, or null when it does not exist or cannot be watched. */
    private WatchService watchDirectory() {
        if (!Files.isDirectory(config.dir())) {
            return null;
        }
        try {
            WatchService service = FileSystems.getDefault().newWatchService();
            config.dir().register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
            return service;
        } catch (IOException e) {
            LOG.warnf("cannot watch %s for profile changes: %s", config.dir(), e.getMessage());
            return null;
        }
    }

    private void drainQuietPeriod(WatchService service, WatchKey first) throws InterruptedException {
        first.pollEvents();
        WatchKey next;
        while ((next = service.poll(config.reloadDelay().toMillis(), TimeUnit.MILLISECONDS)) != null) {
            next.pollEvents();
            next.reset();
        }
    }

    private boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @PreDestroy
    void close() {
        closed = true;
        watcher.interrupt();
        WatchService service = watch;
        if (service != null) {
            try {
                service.close();
            } catch (IOException e) {
                LOG.debugf("closing the profile watch: %s", e.getMessage());
            }
        }
    }
}
