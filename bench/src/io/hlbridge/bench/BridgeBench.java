package io.hlbridge.bench;


/**
 * The three figures, measured in one run: webhook intake, end-to-end sync against Radicale beside
 * Radicale's raw PUT rate at the same concurrency, and the bridge's CPU per appointment against a PUT sink.
 * Arguments: {@code [scale] [parts]}: scale 1.0 by default (CI runs a smoke with a small scale), parts a
 * comma-separated choice of intake, e2e, cpu (all by default).
 */
public final class BridgeBench {
    private BridgeBench() {
    }


    public static void main(String[] args) throws Exception {
        System.setProperty("http.maxConnections", "100"); // keep-alive for every sender thread of BenchSupport.post()
        double scale = args.length > 0 ? Double.parseDouble(args[0]) : 1.0;
        String parts = args.length > 1 ? args[1] : "intake,e2e,cpu";
        if (parts.contains("intake")) {
            IntakeBench.intake((int) (20_000 * scale), 32);
        }
        if (parts.contains("e2e")) {
            EndToEndBench.endToEnd((int) (600 * scale), 3, (int) (10_000 * scale), 8);
        }
        if (parts.contains("cpu")) {
            CpuBench.cpuPerAppointment((int) (2_000 * scale), 5, (int) (30_000 * scale));
        }
        System.exit(0);
    }
}
