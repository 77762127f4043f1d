package dev.servebench.advise.render;

import dev.servebench.advise.DeploymentDefaults;
import dev.servebench.advise.DeploymentPlan;

import java.util.List;

/** A {@code docker run} for the ROCm or CUDA vLLM image. */
public final class DockerPlanRenderer implements PlanRenderer {

    @Override
    public String render(DeploymentPlan p) {
        boolean rocm = p.gpu().isRocm();
        int port = DeploymentDefaults.port();
        StringBuilder sb = new StringBuilder(LaunchCommand.header(p)).append('\n');
        sb.append("docker run --rm -it");
        String i = " \\\n  ";
        if (rocm) {
            // ROCm containers reach the GPUs through the KFD and DRI device nodes and the video group.
            sb.append(i).append("--device /dev/kfd --device /dev/dri");
            sb.append(i).append("--ipc=host --group-add video");
            sb.append(i).append("--security-opt seccomp=unconfined --cap-add SYS_PTRACE");
        } else {
            sb.append(i).append("--gpus all");
            sb.append(i).append("--ipc=host");
        }
        sb.append(i).append("-p ").append(port).append(':').append(port);
        sb.append(i).append("-v \"$HOME/.cache/huggingface:/root/.cache/huggingface\"");
        if (p.modelRef().startsWith("/")) {
            sb.append(i).append("-v ").append(LaunchCommand.quote(p.modelRef() + ":" + p.modelRef() + ":ro"));
        }
        sb.append(i).append("-e HF_TOKEN");
        p.env().forEach((k, v) -> sb.append(i).append("-e ").append(k).append('=').append(LaunchCommand.quote(v)));
        sb.append(i).append("--entrypoint vllm ").append(DeploymentDefaults.image(rocm, p.version()));
        List<String> args = LaunchCommand.serveArgs(p);
        sb.append(i).append("serve ").append(LaunchCommand.quote(p.modelRef()));
        sb.append(LaunchCommand.continuedArgs(args.subList(2, args.size()), "  "));
        return sb.append('\n').toString();
    }
}
