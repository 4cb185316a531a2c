package dev.drover.daemon.session;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import org.jboss.logging.Logger;

/**
 * The few Linux C library calls the daemon makes itself (JNA direct mapping, bound once): inotify
 * for the tmux keeper's log watcher, and the lowest thread priority for work that must not delay
 * a keystroke. {@link #AVAILABLE} is false elsewhere (not Linux); callers then do without.
 */
public final class LibC {

    private static final Logger LOG = Logger.getLogger(LibC.class);
    /** Whether the calls below are bound. */
    public static final boolean AVAILABLE = register();
    /** O_NONBLOCK, as inotify_init1 and eventfd take it. */
    public static final int NONBLOCK = 0x800;
    /** O_CLOEXEC, as inotify_init1 and eventfd take it. */
    public static final int CLOEXEC = 0x80000;
    /** inotify: a file was written. */
    public static final int IN_MODIFY = 0x2;
    /** inotify: a file was created in a watched directory. */
    public static final int IN_CREATE = 0x100;
    /** poll: there is data to read. */
    public static final short POLLIN = 0x1;
    /** errno: a signal interrupted the call. */
    public static final int EINTR = 4;
    private static final int PRIO_PROCESS = 0;
    private static final int LOWEST_NICE = 19;

    private LibC() {
    }

    private static boolean register() {
        if (!Platform.isLinux()) {
            return false;
        }
        try {
            Native.register(LibC.class, Platform.C_LIBRARY_NAME);
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            LOG.debugf("C library calls unavailable: %s", e.getMessage());
            return false;
        }
    }

    /**
     * Gives the calling thread the lowest CPU priority (nice 19; on Linux the nice value is per
     * thread): any other thread that wakes up runs first, yet this one still progresses on a busy
     * machine. Returns whether it worked.
     */
    public static boolean lowestPriority() {
        return AVAILABLE && setpriority(PRIO_PROCESS, 0, LOWEST_NICE) == 0;
    }

    /** errno of the last call on this thread. */
    public static int errno() {
        return Native.getLastError();
    }

    /** inotify_init1(2). */
    public static native int inotify_init1(int flags);

    /** inotify_add_watch(2). */
    public static native int inotify_add_watch(int fd, String path, int mask);

    /** inotify_rm_watch(2). */
    public static native int inotify_rm_watch(int fd, int wd);

    /** eventfd(2). */
    public static native int eventfd(int initval, int flags);

    /** poll(2) over an array of {@code struct pollfd} (int fd, short events, short revents). */
    public static native int poll(Pointer fds, NativeLong count, int timeout);

    /** read(2). */
    public static native NativeLong read(int fd, Pointer buffer, NativeLong count);

    /** write(2). */
    public static native NativeLong write(int fd, Pointer buffer, NativeLong count);

    /** close(2). */
    public static native int close(int fd);

    private static native int setpriority(int which, int who, int prio);
}
