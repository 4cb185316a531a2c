package dev.drover.hub.account.service;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hashes and checks passwords (bcrypt) on a small pool of its own: bcrypt is CPU-bound, so it
 * never runs on the event loop or the shared worker pool that serve the API, and a burst of
 * logins waits in a bounded queue instead of slowing every other call. A full queue fails with
 * {@link RejectedExecutionException}. A check for an unknown user runs against a dummy hash of
 * the same cost, so it takes as long as a wrong password.
 */
@ApplicationScoped
public class PasswordHasher {

    static final String THREAD_PREFIX = "drover-password-";
    private static final int QUEUE = 64;

    private final ExecutorService pool;
    /** Made on the pool at the first check of an unknown user, never on the thread that builds this bean. */
    private volatile String dummyHash;
    private final LongAdder dummyChecks = new LongAdder();

    public PasswordHasher() {
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), task -> {
                    Thread thread = new Thread(task, THREAD_PREFIX + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    public Uni<String> hash(String password) {
        return Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password)).runSubscriptionOn(pool);
    }

    /** Whether {@code password} matches {@code hash}; with a null hash (no such user) it checks a dummy hash and answers false. */
    public Uni<Boolean> matches(String password, String hash) {
        return Uni.createFrom().item(() -> {
            if (hash == null) {
                dummyChecks.increment();
                BcryptUtil.matches(password, dummyHash());
                return false;
            }
            return BcryptUtil.matches(password, hash);
        }).runSubscriptionOn(pool);
    }

    private String dummyHash() {
        String hash = dummyHash;
        if (hash == null) {
            hash = BcryptUtil.bcryptHash("drover-dummy-password");
            dummyHash = hash;
        }
        return hash;
    }

    /** How many checks ran against the dummy hash (unknown or disabled users). */
    public long dummyChecks() {
        return dummyChecks.sum();
    }

    void stop(@Observes ShutdownEvent event) {
        pool.shutdownNow();
    }
}
