package dev.servebench.model;

/** GPU architecture generations servebench knows; kernel availability rules key on these. */
public enum GpuArch {
    /** MI300X, MI325X (gfx942): FP8, no native MXFP4 (rule C8). */
    CDNA3(KernelStack.ROCM, false),
    /** MI350X, MI355X (gfx950): native MXFP4/FP4. */
    CDNA4(KernelStack.ROCM, true),
    HOPPER(KernelStack.CUDA, false),
    BLACKWELL(KernelStack.CUDA, true);

    private final KernelStack stack;
    private final boolean nativeFp4;

    GpuArch(KernelStack stack, boolean nativeFp4) {
        this.stack = stack;
        this.nativeFp4 = nativeFp4;
    }

    public KernelStack stack() {
        return stack;
    }

    public boolean nativeFp4() {
        return nativeFp4;
    }
}
