package dev.servebench.store;

import dev.servebench.testing.EndedProcesses;
import org.junit.jupiter.api.Test;

import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Whether a recorded process has ended, judged by real processes. */
class RecordingProcessTest {
    @Test
    void thisProcessHasNotEnded() {
        RecordingProcess self = RecordingProcess.current();
        assertThat(self.pid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(self.startedEpochMillis()).isPresent();
        assertThat(self.hasEnded()).isFalse();
    }

    @Test
    void aProcessThatExitedHasEnded() {
        assertThat(EndedProcesses.ended().hasEnded()).isTrue();
    }

    @Test
    void aLivePidThatStartedAtAnotherTimeIsAReusedPidSoTheRecordedProcessHasEnded() {
        RecordingProcess self = RecordingProcess.current();
        long anHourEarlier = self.startedEpochMillis().orElseThrow() - 3_600_000L;
        assertThat(new RecordingProcess(self.pid(), OptionalLong.of(anHourEarlier)).hasEnded()).isTrue();
    }

    @Test
    void aLivePidWithoutAStartTimeCountsAsStillRunning() {
        assertThat(new RecordingProcess(ProcessHandle.current().pid(), OptionalLong.empty()).hasEnded()).isFalse();
    }
}
