package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

/** Engine calls run on the holder's own threads, as many at once as the spec allows. */
public class ModelHolderTest {
  private static final ModelSpec TWO_CALLERS = ModelFixture.TINY.withThreads(2);

  @Test
  public void callsRunOnAtMostTheSpecsNumberOfEngineThreads() throws Exception {
    ModelHolder holder = ModelHolder.forSpec(TWO_CALLERS);
    Set<String> engineThreads = ConcurrentHashMap.newKeySet();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CountDownLatch bothStarted = new CountDownLatch(2);
    List<Thread> callers = new ArrayList<>();
    for (int c = 0; c < 6; c++) {
      Thread caller = new Thread(() -> holder.withModel(model -> {
        engineThreads.add(Thread.currentThread().getName());
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
        bothStarted.countDown();
        try {
          bothStarted.await(10, TimeUnit.SECONDS); // holds the first two calls until both run at once
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        running.decrementAndGet();
        return model.patchLength();
      }), "caller-" + c);
      callers.add(caller);
      caller.start();
    }
    for (Thread caller : callers) {
      caller.join();
    }
    assertEquals("calls at once", 2, mostAtOnce.get());
    assertTrue("engine threads " + engineThreads, engineThreads.size() <= 2);
    for (String name : engineThreads) {
      assertTrue("ran on " + name, name.startsWith("timer-engine-"));
    }
  }

  @Test
  public void theEnginesExceptionReachesTheCallerUnwrapped() {
    IllegalArgumentException thrown = new IllegalArgumentException("bad batch");
    IllegalArgumentException caught = assertThrows(IllegalArgumentException.class,
        () -> ModelHolder.forSpec(TWO_CALLERS).withModel(model -> {
          throw thrown;
        }));
    assertSame(thrown, caught);
  }
}
