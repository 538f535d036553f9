# Exports public series from R's datasets package as one long CSV (unique_id,ds,y).
# Recipe: Rscript export-r-datasets.R > r-datasets.csv
# Dates: monthly -> first of the month, quarterly -> first month of the quarter, yearly -> 1 January
# (decennial uspop likewise). Long series keep only their last `keep` points.
library(datasets)

as_dates <- function(series) {
  f <- frequency(series)
  t <- round(as.numeric(time(series)) * f) / f  # remove float noise before splitting year and period
  year <- floor(t + 1e-9)
  period <- round((t - year) * f)
  month <- switch(as.character(f), "12" = period + 1, "4" = period * 3 + 1, "1" = 1, "0.1" = 1,
                  stop("unsupported frequency ", f))
  sprintf("%04d-%02d-01", as.integer(year), as.integer(month))
}

emit <- function(id, series, keep = Inf) {
  if (anyNA(series)) stop(id, " has missing values")
  n <- length(series)
  rows <- max(1, n - keep + 1):n
  cat(sprintf("%s,%s,%s\n", id, as_dates(series)[rows], format(as.numeric(series)[rows], trim = TRUE, digits = 10)), sep = "")
}

cat("unique_id,ds,y\n")
for (name in c("AirPassengers", "co2", "nottem", "UKDriverDeaths", "ldeaths", "mdeaths", "fdeaths",
               "USAccDeaths", "Nile", "lynx", "JohnsonJohnson", "austres", "UKgas", "airmiles",
               "sunspot.year", "LakeHuron", "discoveries", "nhtemp", "uspop")) {
  emit(name, get(name))
}
emit("sunspot.month", sunspot.month, keep = 600)
emit("treering", treering, keep = 500)
for (column in c("DriversKilled", "front", "rear", "kms", "PetrolPrice", "VanKilled")) {
  emit(paste0("Seatbelts.", column), Seatbelts[, column])
}
