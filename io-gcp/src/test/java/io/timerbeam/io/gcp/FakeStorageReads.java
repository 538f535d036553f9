package io.timerbeam.io.gcp;

import com.google.cloud.bigquery.storage.v1.AvroRows;
import com.google.cloud.bigquery.storage.v1.AvroSchema;
import com.google.cloud.bigquery.storage.v1.CreateReadSessionRequest;
import com.google.cloud.bigquery.storage.v1.DataFormat;
import com.google.cloud.bigquery.storage.v1.ReadRowsRequest;
import com.google.cloud.bigquery.storage.v1.ReadRowsResponse;
import com.google.cloud.bigquery.storage.v1.ReadSession;
import com.google.cloud.bigquery.storage.v1.ReadStream;
import com.google.cloud.bigquery.storage.v1.SplitReadStreamRequest;
import com.google.cloud.bigquery.storage.v1.SplitReadStreamResponse;
import com.google.cloud.bigquery.storage.v1.StreamStats;
import com.google.protobuf.ByteString;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.beam.sdk.io.gcp.bigquery.BigQueryServices;
import org.apache.beam.sdk.io.gcp.testing.FakeBigQueryServices;

/**
 * A Storage Read API stand-in (Beam ships none): one read session with one stream serving fixed
 * Avro rows, whatever the request. It records every session request so that a test can check
 * what was asked for (selected fields, table); it cannot check that BigQuery would honour them.
 */
final class FakeStorageReads implements BigQueryServices.StorageClient, Serializable {
  /** Session requests from every copy of the client (the pipeline serialises it). */
  static final List<CreateReadSessionRequest> SESSIONS =
      Collections.synchronizedList(new ArrayList<>());

  private final String avroSchema;
  private final byte[] rows;
  private final long rowCount;

  FakeStorageReads(Schema avroSchema, List<GenericRecord> records) {
    this.avroSchema = avroSchema.toString();
    this.rows = encode(avroSchema, records);
    this.rowCount = records.size();
  }

  private static byte[] encode(Schema schema, List<GenericRecord> records) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    GenericDatumWriter<GenericRecord> writer = new GenericDatumWriter<>(schema);
    try {
      for (GenericRecord record : records) {
        writer.write(record, encoder);
      }
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public ReadSession createReadSession(CreateReadSessionRequest request) {
    SESSIONS.add(request);
    return ReadSession.newBuilder()
        .setName("sessions/fake")
        .setTable(request.getReadSession().getTable())
        .setDataFormat(DataFormat.AVRO)
        .setAvroSchema(AvroSchema.newBuilder().setSchema(avroSchema))
        .addStreams(ReadStream.newBuilder().setName("sessions/fake/streams/0"))
        .build();
  }

  @Override
  public BigQueryServices.BigQueryServerStream<ReadRowsResponse> readRows(ReadRowsRequest request) {
    ReadRowsResponse response =
        ReadRowsResponse.newBuilder()
            .setAvroRows(AvroRows.newBuilder().setSerializedBinaryRows(ByteString.copyFrom(rows)))
            .setRowCount(rowCount)
            .setStats(
                StreamStats.newBuilder()
                    .setProgress(
                        StreamStats.Progress.newBuilder().setAtResponseStart(0).setAtResponseEnd(1)))
            .build();
    return new FakeBigQueryServices.FakeBigQueryServerStream<>(
        request.getOffset() == 0 ? List.of(response) : List.of());
  }

  @Override
  public BigQueryServices.BigQueryServerStream<ReadRowsResponse> readRows(
      ReadRowsRequest request, String fullTableId) {
    return readRows(request);
  }

  @Override
  public SplitReadStreamResponse splitReadStream(SplitReadStreamRequest request) {
    return SplitReadStreamResponse.getDefaultInstance(); // no split: one stream holds every row
  }

  @Override
  public SplitReadStreamResponse splitReadStream(SplitReadStreamRequest request, String fullTableId) {
    return splitReadStream(request);
  }

  @Override
  public void close() {}
}
