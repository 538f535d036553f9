package io.timerbeam.transforms;

import java.io.Serializable;
import java.util.Arrays;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.RowCoder;
import org.apache.beam.sdk.schemas.Schema;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.Row;

/**
 * Assigns each series to one of a fixed number of shards from its id's encoding, which (unlike
 * an object hash code) is the same in every worker JVM, so all chunks of a series meet.
 */
final class SeriesShards implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RowCoder idCoder;
  private final int count;

  SeriesShards(Schema idSchema, int count) {
    this.idCoder = RowCoder.of(idSchema);
    this.count = count;
  }

  int of(KV<Row, PointChunk> chunk) {
    try {
      return Math.floorMod(Arrays.hashCode(CoderUtils.encodeToByteArray(idCoder, chunk.getKey())), count);
    } catch (CoderException e) {
      throw new IllegalStateException("cannot encode series id " + chunk.getKey(), e);
    }
  }
}
