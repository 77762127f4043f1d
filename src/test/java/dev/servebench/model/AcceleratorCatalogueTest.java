package dev.servebench.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AcceleratorCatalogueTest {

    @Test
    void holdsTheSixRequiredGpus() {
        assertThat(AcceleratorCatalogue.all()).containsKeys("mi300x", "mi325x", "mi355x", "h100", "h200", "b200");
    }

    @Test
    void mi325xMatchesTheStudy() {
        Accelerator a = AcceleratorCatalogue.get("MI325X");
        assertThat(a.arch()).isEqualTo(GpuArch.CDNA3);
        assertThat(a.gfx()).isEqualTo("gfx942");
        assertThat(a.hbmGb()).isEqualTo(256);
        assertThat(a.bandwidthTbPerS()).isEqualTo(6.0);
        assertThat(a.bf16Tflops()).isEqualTo(1307);
        assertThat(a.kernelStack()).isEqualTo(KernelStack.ROCM);
    }

    @Test
    void fp4OnlyOnCdna4AndBlackwell() {
        assertThat(AcceleratorCatalogue.all().values())
                .allSatisfy(a -> assertThat(a.fp4Tflops() > 0).as(a.id()).isEqualTo(a.arch().nativeFp4()));
        assertThat(AcceleratorCatalogue.get("mi355x").arch()).isEqualTo(GpuArch.CDNA4);
        assertThat(AcceleratorCatalogue.get("h200").kernelStack()).isEqualTo(KernelStack.CUDA);
    }

    @Test
    void unknownGpuListsTheKnownOnes() {
        assertThatThrownBy(() -> AcceleratorCatalogue.get("a100"))
                .hasMessage("unknown GPU 'a100'; known: mi300x, mi325x, mi355x, h100, h200, b200");
    }
}
