package io.timerbeam.io;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.Row;

/** PAssert check: exactly one failure per expected location, whose reason contains a phrase. */
final class FailureChecks {
  private FailureChecks() {}

  static SerializableFunction<Iterable<Row>, Void> expect(Map<String, String> reasonByLocation) {
    Map<String, String> expected = new HashMap<>(reasonByLocation);
    return failures -> {
      Map<String, Row> byLocation = new HashMap<>();
      for (Row failure : failures) {
        Row previous = byLocation.put(failure.getString("location"), failure);
        assertEquals("two failures at " + failure.getString("location"), null, previous);
      }
      assertEquals(expected.keySet(), byLocation.keySet());
      expected.forEach(
          (location, phrase) -> {
            Row failure = byLocation.get(location);
            assertNotNull(location, failure);
            String reason = failure.getString("reason");
            assertTrue(location + ": '" + reason + "' lacks '" + phrase + "'", reason.contains(phrase));
          });
      return null;
    };
  }
}
