package evalhttp;

/** Entry point: java -jar eval-http.jar server [port] [portFile] [stream]  |  java -jar eval-http.jar client <jdk|netty|jetty|jetty-async> <port> <C> <N> <warmup> [serverPid] */
public final class Main {
    public static void main(String[] a) throws Exception {
        switch (a[0]) {
            case "server" -> Server.main(a);
            case "client" -> Bench.main(a);
            default -> throw new IllegalArgumentException("usage: server | client ...");
        }
    }
}
