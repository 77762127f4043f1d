package dev.servebench.model;

import dev.servebench.BadInputException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

class InterconnectTest {

    @Test
    void everyAcceleratorHasAnEntryWithPositiveSourcedFigures() {
        assertThat(AcceleratorCatalogue.interconnects().keySet())
                .containsExactlyInAnyOrderElementsOf(AcceleratorCatalogue.all().keySet());
        for (Accelerator a : AcceleratorCatalogue.all().values()) {
            Interconnect i = AcceleratorCatalogue.interconnect(a.id());
            assertThat(i.accelerator()).isEqualTo(a.id());
            Interconnect.ScaleUp up = i.scaleUp();
            Interconnect.ScaleOut nic = i.scaleOut();
            for (double v : new double[]{up.linksPerGpu(), up.perLinkGbPerS(), up.perGpuGbPerS(), up.peerGbPerS(),
                    up.latencyMicros(), nic.nicsPerGpu(), nic.gbitPerS(), nic.gbPerS(), nic.latencyMicros()}) {
                assertThat(v).as(a.id()).isPositive();
            }
            assertThat(up.source()).as(a.id()).isNotBlank();
            assertThat(nic.source()).as(a.id()).isNotBlank();
            assertThat(up.asPublished()).as(a.id()).contains("bidirectional");
            // The file stores per-direction figures; the accelerator catalogue's scale_up_gb_s is the
            // published bidirectional aggregate, so it must be twice the per-GPU figure.
            assertThat(2 * up.perGpuGbPerS()).as(a.id()).isCloseTo(a.scaleUpGbPerS(), withinPercentage(0.1));
        }
    }

    @Test
    void mi300xNodesHaveOne400GbRoceNicPerGpuAndOneXgmiLinkPerPeer() {
        Interconnect mi300x = AcceleratorCatalogue.interconnect("MI300X");
        assertThat(mi300x.scaleOut().transport()).isEqualTo("RoCEv2");
        assertThat(mi300x.scaleOut().nic()).contains("ConnectX-7");
        assertThat(mi300x.scaleOut().bytesPerSecondPerGpu()).isEqualTo(50e9);
        assertThat(mi300x.scaleUp().peerGbPerS()).isEqualTo(64);
        assertThat(mi300x.scaleUpBytesPerSecondPerGpu()).isEqualTo(448e9);
        assertThat(AcceleratorCatalogue.interconnect("h100").scaleUp().peerGbPerS()).isEqualTo(450);
    }

    @Test
    void unknownGpuIsAUserError() {
        assertThatThrownBy(() -> AcceleratorCatalogue.interconnect("tpu-v5"))
                .isInstanceOf(BadInputException.class).hasMessageContaining("unknown GPU 'tpu-v5'");
    }
}
