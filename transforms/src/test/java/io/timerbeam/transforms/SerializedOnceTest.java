package io.timerbeam.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.Test;

/** Serialized once, read once per JVM and class loader: copies of a DoFn share the value. */
public class SerializedOnceTest {
  @Test
  public void copiesReadInOneJvmShareTheFirstReadValue() {
    ArrayList<String> value = new ArrayList<>(List.of("a", "b"));
    SerializedOnce<ArrayList<String>> once = SerializedOnce.of(value);
    SerializedOnce<ArrayList<String>> first = SerializableUtils.clone(once);
    SerializedOnce<ArrayList<String>> second = SerializableUtils.clone(once);
    assertEquals(value, first.get());
    assertNotSame("a read is a copy of the original", value, first.get());
    assertSame("later reads share the first read's value", first.get(), second.get());
    assertSame("a copy of a copy too", first.get(), SerializableUtils.clone(second).get());
  }

  @Test
  public void anotherClassLoaderReadsItsOwnCopy() {
    SerializedOnce<ArrayList<String>> once = SerializedOnce.of(new ArrayList<>(List.of("x")));
    SerializedOnce<ArrayList<String>> here = SerializableUtils.clone(once);
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader job = new URLClassLoader(new URL[0], before)) {
      thread.setContextClassLoader(job);
      SerializedOnce<ArrayList<String>> there = SerializableUtils.clone(once);
      assertEquals(List.of("x"), there.get());
      assertNotSame(here.get(), there.get());
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    } finally {
      thread.setContextClassLoader(before);
    }
  }
}
