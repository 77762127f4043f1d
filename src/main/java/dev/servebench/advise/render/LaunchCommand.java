package dev.servebench.advise.render;

import dev.servebench.advise.DeploymentPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code vllm serve} argument vector and shell quoting shared by the launch formats. */
final class LaunchCommand {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private LaunchCommand() {
    }

    /** {@code serve <model> <args...>} without the leading {@code vllm}. */
    static List<String> serveArgs(DeploymentPlan plan) {
        List<String> out = new ArrayList<>();
        out.add("serve");
        out.add(plan.modelRef());
        out.addAll(plan.servingArgs());
        return out;
    }

    static String quote(String s) {
        return SAFE.matcher(s).matches() ? s : "'" + s.replace("'", "'\"'\"'") + "'";
    }

    /** Flag/value pairs grouped one per line, joined with shell continuations. */
    static String continuedArgs(List<String> args, String indent) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean pairsWithNext = a.startsWith("--") && i + 1 < args.size() && !args.get(i + 1).startsWith("--");
            sb.append(" \\\n").append(indent).append(quote(a));
            if (pairsWithNext) {
                sb.append(' ').append(quote(args.get(++i)));
            }
        }
        return sb.toString();
    }

    static String envPrefix(Map<String, String> env) {
        StringBuilder sb = new StringBuilder();
        env.forEach((k, v) -> sb.append(k).append('=').append(quote(v)).append(' '));
        return sb.toString();
    }

    static String header(DeploymentPlan p) {
        return "# " + p.modelName() + " on " + p.gpuCount() + "x " + p.gpu().name() + ", vLLM " + p.version()
                + ", goal " + p.goal().key() + " (servebench advise)";
    }
}
