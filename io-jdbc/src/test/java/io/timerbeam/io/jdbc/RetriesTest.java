package io.timerbeam.io.jdbc;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

public class RetriesTest {
  @Test
  public void transientErrorsAreRecognised() {
    assertTrue(Retries.isTransient(new SQLException("refused", "08001")));
    assertTrue(Retries.isTransient(new SQLException("deadlock", "40P01")));
    assertTrue(Retries.isTransient(new SQLException("starting up", "57P03")));
    assertTrue(
        Retries.isTransient(new SQLException("pool", new SQLException("refused", "08001"))));
    assertTrue(
        Retries.isTransient(
            new SQLException("TransactionContext Error: Catalog write-write conflict on create")));
    assertFalse(Retries.isTransient(new SQLException("duplicate key", "23505")));
    assertFalse(
        Retries.isTransient(
            new SQLException("ON CONFLICT DO UPDATE command cannot affect row a second time", "21000")));
  }

  @Test
  public void transientFailureIsRetriedAndPermanentOneIsNot() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Retries.run(
        "flaky",
        () -> {
          if (calls.incrementAndGet() < 3) {
            throw new SQLException("refused", "08001");
          }
        });
    assertEquals(3, calls.get());

    AtomicInteger permanent = new AtomicInteger();
    assertThrows(
        SQLException.class,
        () ->
            Retries.run(
                "broken",
                () -> {
                  permanent.incrementAndGet();
                  throw new SQLException("syntax", "42601");
                }));
    assertEquals(1, permanent.get());
  }
}
