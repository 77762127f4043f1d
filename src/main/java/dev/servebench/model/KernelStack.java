package dev.servebench.model;

/** The GPU software stack vLLM runs on; decides kernels, container flags and env switches. */
public enum KernelStack {
    ROCM,
    CUDA
}
