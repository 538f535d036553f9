package io.timerbeam.io;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.timerbeam.transforms.Columns;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.Row;

/**
 * PAssert check of read failures: exactly one per expected location (the message starts with
 * {@code location: }), each an {@code unreadable_record} whose message contains a phrase.
 */
public final class FailureChecks {
  private FailureChecks() {}

  public static SerializableFunction<Iterable<Row>, Void> expect(Map<String, String> reasonByLocation) {
    Map<String, String> expected = new HashMap<>(reasonByLocation);
    return failures -> {
      Map<String, Row> byLocation = new HashMap<>();
      for (Row failure : failures) {
        assertEquals(failure.toString(), ObservationReadResult.UNREADABLE_RECORD, failure.getString(Columns.ERROR_CODE));
        String message = failure.getString(Columns.ERROR_MESSAGE);
        String location = expected.keySet().stream().filter(l -> message.startsWith(l + ": ")).findFirst().orElse(message);
        Row previous = byLocation.put(location, failure);
        assertEquals("two failures at " + location, null, previous);
      }
      assertEquals(expected.keySet(), byLocation.keySet());
      expected.forEach(
          (location, phrase) -> {
            Row failure = byLocation.get(location);
            assertNotNull(location, failure);
            String message = failure.getString(Columns.ERROR_MESSAGE);
            assertTrue(location + ": '" + message + "' lacks '" + phrase + "'", message.contains(phrase));
          });
      return null;
    };
  }
}
