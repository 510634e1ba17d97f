package dev.peregrine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** SIGUSR1 sent to this JVM runs the installed action. */
@Timeout(60)
class SignalsTest {
  @Test
  void usr1_runsTheAction() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "no /bin/sh to send a signal with");
    CountDownLatch signalled = new CountDownLatch(2);
    assumeTrue(Signals.onUsr1(signalled::countDown),
        "SIGUSR1 handlers cannot be installed on this platform or JVM");
    for (int i = 0; i < 2; i++) {
      long before = signalled.getCount();
      Process kill = new ProcessBuilder("/bin/sh", "-c",
          "kill -USR1 " + ProcessHandle.current().pid()).inheritIO().start();
      assertThat(kill.waitFor()).isZero();
      while (signalled.getCount() == before) {
        Thread.sleep(10);
      }
    }
    signalled.await();
    assertThat(signalled.getCount()).isZero();
  }
}
