package io.timerbeam.flinksql;

import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.ModelProviderFactory;
import org.apache.flink.table.functions.AsyncPredictFunction;
import org.apache.flink.table.ml.AsyncPredictRuntimeProvider;
import org.apache.flink.table.ml.ModelProvider;

/**
 * Provider {@code timer} of Flink SQL's {@code CREATE MODEL}: Timer-S1 / Timer-XL forecasts through
 * {@code ML_PREDICT}. Found through META-INF/services; options: {@link TimerModelOptions};
 * statements: README-flink-sql.md.
 */
public final class TimerModelProviderFactory implements ModelProviderFactory {
  public static final String IDENTIFIER = "timer";

  @Override
  public ModelProvider createModelProvider(Context context) {
    FactoryUtil.ModelProviderFactoryHelper helper = FactoryUtil.createModelProviderFactoryHelper(this, context);
    helper.validate(); // unknown or misspelt options fail here, listing the supported ones
    ForecastPlan plan = ForecastPlan.of(context.getObjectIdentifier().asSummaryString(), helper.getOptions(),
        context.getCatalogModel().getResolvedInputSchema(), context.getCatalogModel().getResolvedOutputSchema());
    return new Provider(plan);
  }

  @Override
  public String factoryIdentifier() {
    return IDENTIFIER;
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of(TimerModelOptions.MODEL_PATH, TimerModelOptions.HORIZON);
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return Set.of(TimerModelOptions.CONTEXT_LENGTH, TimerModelOptions.CONFIDENCE_LEVEL, TimerModelOptions.LEVELS,
        TimerModelOptions.COMPUTE, TimerModelOptions.DEVICE, TimerModelOptions.BATCH_SIZE, TimerModelOptions.MAX_WAIT,
        TimerModelOptions.FREQUENCY, TimerModelOptions.TIME_ZONE, TimerModelOptions.DUPLICATES, TimerModelOptions.RESAMPLING,
        TimerModelOptions.MIN_OBSERVATIONS);
  }

  /** Async only: batching across rows needs many rows in flight. */
  private static final class Provider implements AsyncPredictRuntimeProvider {
    private final ForecastPlan plan;

    Provider(ForecastPlan plan) {
      this.plan = plan;
    }

    @Override
    public AsyncPredictFunction createAsyncPredictFunction(Context context) {
      return new TimerPredictFunction(plan);
    }

    @Override
    public ModelProvider copy() {
      return new Provider(plan);
    }
  }
}
