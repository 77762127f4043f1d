package evalhttp;

interface Client {
    void init(int port, int concurrency) throws Exception;
    /** Run the phase to completion with `concurrency` closed-loop workers; blocks until done. */
    void run(Phase p) throws Exception;
    void close() throws Exception;

    /** One blocking request (used by the virtual-thread based clients). */
    interface Blocking { void exchange(SseParser parser) throws Exception; }

    /** Start `c` virtual threads, each looping: claim -> blocking exchange -> record. */
    static void runVirtual(Phase p, int c, Blocking one) throws Exception {
        Thread[] ts = new Thread[c];
        for (int w = 0; w < c; w++) {
            ts[w] = Thread.ofVirtual().start(() -> {
                SseParser parser = new SseParser();
                int i;
                while ((i = p.claim()) >= 0) {
                    parser.reset();
                    long t0 = System.nanoTime();
                    try {
                        one.exchange(parser);
                        p.done(i, t0, parser, System.nanoTime());
                    } catch (Throwable t) {
                        p.fail(i, t);
                    }
                }
            });
        }
        for (Thread t : ts) t.join();
        p.await();
    }
}
