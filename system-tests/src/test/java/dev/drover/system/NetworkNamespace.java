package dev.drover.system;

import dev.drover.cli.stack.ServiceProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A network namespace of its own for one test host, joined to the root namespace by a veth pair
 * on a /30 of its own: the hub listens in the root namespace and is reached at the pair's outer
 * address; the daemon (and with it its tmux server and sessions) runs inside, with loopback up
 * for its hook endpoint. Cutting it off takes the inner link down. Names carry the test JVM's pid,
 * so parallel runs do not collide.
 */
final class NetworkNamespace implements HostNetwork {

    /** Each run takes one /28 of this /16: room for four /30s. */
    private static final int RANGE = (10 << 24) | (213 << 16);
    private static final int BLOCKS = 1 << 12;
    private static final int MOST_HOSTS = 4;
    private static final Pattern ADDRESS = Pattern.compile("inet (\\d+)\\.(\\d+)\\.(\\d+)\\.(\\d+)");

    private final String name;
    private final String outerLink;
    private final String innerLink;
    private final String outerAddress;
    private final String innerAddress;

    private NetworkNamespace(String name, String outerLink, String innerLink, int subnet) {
        this.name = name;
        this.outerLink = outerLink;
        this.innerLink = innerLink;
        this.outerAddress = dotted(subnet + 1);
        this.innerAddress = dotted(subnet + 2);
    }

    /**
     * Creates {@code count} namespaces in a block of 10.213.0.0/16 no local interface uses; fails
     * (having removed whatever it made) when the machine does not allow it.
     */
    static List<NetworkNamespace> create(int count) {
        if (count > MOST_HOSTS) {
            throw new IllegalArgumentException("at most " + MOST_HOSTS + " namespaces per run");
        }
        long pid = ProcessHandle.current().pid();
        int block = freeBlock(pid);
        List<NetworkNamespace> created = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                NetworkNamespace namespace = new NetworkNamespace("drover-" + pid + "-" + i, "dv" + pid + "h" + i,
                        "dv" + pid + "n" + i, RANGE + (block << 4) + 4 * i);
                created.add(namespace);
                namespace.setUp();
            }
            return created;
        } catch (RuntimeException e) {
            created.forEach(NetworkNamespace::close);
            throw e;
        }
    }

    private void setUp() {
        SystemCommand.run("ip", "netns", "add", name);
        SystemCommand.run("ip", "link", "add", outerLink, "type", "veth", "peer", "name", innerLink, "netns", name);
        SystemCommand.run("ip", "address", "add", outerAddress + "/30", "dev", outerLink);
        SystemCommand.run("ip", "link", "set", outerLink, "up");
        SystemCommand.run("ip", "-n", name, "link", "set", "lo", "up");
        SystemCommand.run("ip", "-n", name, "address", "add", innerAddress + "/30", "dev", innerLink);
        SystemCommand.run("ip", "-n", name, "link", "set", innerLink, "up");
    }

    /** The first /28 from a pid-derived start that no address on this machine falls into. */
    private static int freeBlock(long pid) {
        Set<Integer> used = new HashSet<>();
        Matcher address = ADDRESS.matcher(SystemCommand.run("ip", "-o", "-4", "address", "show"));
        while (address.find()) {
            int value = (Integer.parseInt(address.group(1)) << 24) | (Integer.parseInt(address.group(2)) << 16)
                    | (Integer.parseInt(address.group(3)) << 8) | Integer.parseInt(address.group(4));
            if ((value & 0xFFFF0000) == RANGE) {
                used.add((value & 0xFFFF) >> 4);
            }
        }
        for (int i = 0; i < BLOCKS; i++) {
            int block = (int) ((pid + i) % BLOCKS);
            if (!used.contains(block)) {
                return block;
            }
        }
        throw new IllegalStateException("every /28 of 10.213.0.0/16 is in use here");
    }

    private static String dotted(int address) {
        return (address >>> 24) + "." + ((address >> 16) & 0xFF) + "." + ((address >> 8) & 0xFF) + "." + (address & 0xFF);
    }

    @Override
    public List<String> launcher() {
        return List.of("ip", "netns", "exec", name);
    }

    @Override
    public String hubAddress() {
        return outerAddress;
    }

    @Override
    public String hookHost() {
        return "127.0.0.1";
    }

    @Override
    public String namespace() {
        try {
            return "net:[" + Files.getAttribute(Path.of("/run/netns", name), "unix:ino") + "]";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void cut(ServiceProcess daemon) {
        SystemCommand.run("ip", "-n", name, "link", "set", innerLink, "down");
    }

    @Override
    public void restore(ServiceProcess daemon) {
        SystemCommand.run("ip", "-n", name, "link", "set", innerLink, "up");
    }

    @Override
    public String describe() {
        return "namespace " + name + ", " + innerLink + " " + innerAddress + " ↔ " + outerLink + " " + outerAddress;
    }

    /** Deleting the outer link deletes its peer; the namespace goes once its last process ends. */
    @Override
    public void close() {
        SystemCommand.attempt(List.of(
                List.of("ip", "link", "delete", outerLink),
                List.of("ip", "netns", "delete", name)));
    }
}
