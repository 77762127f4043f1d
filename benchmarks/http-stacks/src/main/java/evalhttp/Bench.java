package evalhttp;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/** client <jdk|netty|jetty|jetty-async> <port> <C> <N> <warmup> [serverPid] */
final class Bench {
    static final byte[] BODY = ("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Write a short poem about the sea and the sky, "
            + "keep it under sixteen tokens please.\"}],\"max_tokens\":16,\"stream\":true,\"stream_options\":{\"include_usage\":true}}")
            .getBytes(StandardCharsets.UTF_8);

    public static void main(String[] a) throws Exception {
        String kind = a[1];
        int port = Integer.parseInt(a[2]), c = Integer.parseInt(a[3]), n = Integer.parseInt(a[4]), warm = Integer.parseInt(a[5]);
        long serverPid = a.length > 6 ? Long.parseLong(a[6]) : -1;
        Client cl = switch (kind) {
            case "jdk" -> new JdkClient();
            case "netty" -> new NettyClient();
            case "jetty" -> new JettyClient(false);
            case "jetty-async" -> new JettyClient(true);
            default -> throw new IllegalArgumentException(kind);
        };
        cl.init(port, c);
        if (warm > 0) {
            Phase w = new Phase(warm);
            cl.run(w);
            if (w.errors.sum() > 0) System.err.println("warmup errors=" + w.errors.sum() + " first=" + w.firstError);
        }
        System.gc();
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long gc0 = gcCount(), gct0 = gcTime();
        long cpu0 = os.getProcessCpuTime();
        long s0 = serverTicks(serverPid);
        long t0 = System.nanoTime();
        Phase p = new Phase(n);
        cl.run(p);
        long t1 = System.nanoTime();
        long cpu1 = os.getProcessCpuTime();
        long s1 = serverTicks(serverPid);
        double secs = (t1 - t0) / 1e9;
        long cpuNs = cpu1 - cpu0;
        double serverCpuS = (s1 - s0) / 100.0; // CLK_TCK = 100
        long[] tot = Arrays.stream(p.total).filter(x -> x >= 0).sorted().toArray();
        long[] tt = Arrays.stream(p.ttft).filter(x -> x >= 0).sorted().toArray();
        System.out.println(String.format(Locale.ROOT,
                "RESULT client=%s C=%d N=%d secs=%.2f rps=%.0f eps=%.0f p50_ms=%.2f p99_ms=%.2f ttft_p50_ms=%.2f ttft_p99_ms=%.2f "
                        + "cpu_us_per_req=%.1f client_cpu_util=%.2f server_cpu_util=%.2f server_cpu_us_per_req=%.1f gcs=%d gc_ms=%d errors=%d threads=%d%s",
                kind, c, n, secs, n / secs, p.events.sum() / secs, pct(tot, 50), pct(tot, 99), pct(tt, 50), pct(tt, 99),
                cpuNs / 1e3 / n, cpuNs / 1e9 / secs, serverPid > 0 ? serverCpuS / secs : -1, serverPid > 0 ? serverCpuS * 1e6 / n : -1,
                gcCount() - gc0, gcTime() - gct0, p.errors.sum(), Thread.activeCount(),
                p.firstError != null ? " firstError=" + p.firstError : ""));
        cl.close();
        System.exit(0);
    }

    static double pct(long[] sorted, double q) {
        if (sorted.length == 0) return -1;
        int i = (int) Math.ceil(q / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    static long gcCount() { return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum(); }
    static long gcTime() { return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum(); }

    /** utime+stime (clock ticks) of another process from /proc/<pid>/stat. */
    static long serverTicks(long pid) {
        if (pid <= 0) return 0;
        try {
            String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]); // fields 14,15 overall
        } catch (Exception e) { return 0; }
    }
}
