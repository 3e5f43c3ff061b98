# Golden files for the Farrington-flexible tests: R surveillance 1.20.3, farringtonFlexible with the Noufaily
# et al. (2013) settings the hub pins, on deterministic synthetic weekly series.
#
# Regenerate (Debian/Ubuntu: apt-get install r-cran-surveillance), from this directory:
#   Rscript generate-golden.R
# It rewrites every golden-*.csv here. The test suite reads the CSVs only; it never needs R.
#
# Each CSV has one row per week: index (0-based position in the series, what the hub's Farrington takes),
# isoYear and isoWeek (the label of the week; the series are dense ISO weeks, so 53-week years such as 2020
# and 2026 appear), count, and the reference's expected, threshold (upperbound) and alarm, "NA" where the
# reference gives none (before five years of history, or when limit54 fails), and trend: whether the
# reference kept the time trend (1/0; NA where the week is not tested).
#
# The series are handed to surveillance as indexed weekly data (freq = 52, epochAsDate = FALSE): the
# reference weeks of t are t - 52, ..., t - 260, exactly as the hub computes them on its dense weekly index.

suppressMessages(library(surveillance))
stopifnot(as.character(packageVersion("surveillance")) == "1.20.3")

control <- list(b = 5, w = 3, noPeriods = 10, pastWeeksNotIncluded = 26, weightsThreshold = 2.58,
                thresholdMethod = "nbPlugin", alpha = 0.05, limit54 = c(5, 4),
                trend = TRUE, powertrans = "2/3", populationOffset = FALSE, reweight = TRUE,
                pThresholdTrend = 0.05, glmWarnings = FALSE)

# Dense ISO weeks from the Monday of firstYear-W01, n weeks long.
isoWeeks <- function(firstYear, n) {
  jan4 <- as.Date(sprintf("%d-01-04", firstYear))
  monday <- jan4 - ((as.integer(format(jan4, "%u")) - 1))
  days <- monday + 7 * (seq_len(n) - 1)
  data.frame(isoYear = as.integer(format(days, "%G")), isoWeek = as.integer(format(days, "%V")))
}

weeksUntil <- function(firstYear, lastYear, lastWeek) {
  all <- isoWeeks(firstYear, 60 * (lastYear - firstYear + 1))
  nrow(all[all$isoYear < lastYear | (all$isoYear == lastYear & all$isoWeek <= lastWeek), ])
}

season <- function(i, amplitude) amplitude * sin(2 * pi * i / 52) + 0.5 * amplitude * cos(2 * pi * i / 26)

series <- list()

# Slow upward trend (about 3% a year) on a mild season, negative-binomial noise: the case where the trend
# test keeps the trend in most weeks.
set.seed(101)
n <- weeksUntil(2019, 2025, 52)
i <- seq_len(n) - 1
series$trend <- list(first = 2019, y = rnbinom(n, size = 25, mu = exp(log(10) + 0.0006 * i + season(i, 0.15))))

# Strong season, no trend, overdispersed.
set.seed(202)
n <- weeksUntil(2019, 2025, 52)
i <- seq_len(n) - 1
series$seasonal <- list(first = 2019, y = rnbinom(n, size = 8, mu = exp(log(30) + season(i, 0.5))))

# Season with outbreaks in the history (down-weighted by the Anscombe residuals) and in the tested years.
set.seed(303)
n <- weeksUntil(2019, 2025, 52)
i <- seq_len(n) - 1
y <- rnbinom(n, size = 15, mu = exp(log(15) + season(i, 0.3)))
for (start in c(60, 140, 215, 300, 330, 350)) {
  span <- start:(start + 4)
  y[span] <- y[span] + rpois(length(span), c(8, 20, 30, 18, 6))
}
series$outbreaks <- list(first = 2019, y = y)

# Rare events: mostly zeros, so limit54 often withholds the figures and some level fits are degenerate.
set.seed(404)
n <- weeksUntil(2019, 2025, 52)
i <- seq_len(n) - 1
y <- rpois(n, exp(log(0.35) + season(i, 0.4)))
y[c(290, 291, 292, 340)] <- c(3, 4, 2, 6)
series$zeros <- list(first = 2019, y = y)

# A short history: five years and a few weeks, so only the last weeks can be tested.
set.seed(505)
n <- 275
i <- seq_len(n) - 1
series$short <- list(first = 2021, y = rpois(n, exp(log(12) + season(i, 0.2))))

# From 2020-W01 to 2027-W20: the 53-week ISO years 2020 and 2026 inside the history and the tested span,
# with a gentle decline.
set.seed(606)
n <- weeksUntil(2020, 2027, 20)
i <- seq_len(n) - 1
series$iso53 <- list(first = 2020, y = rnbinom(n, size = 20, mu = exp(log(20) - 0.0008 * i + season(i, 0.25))))

# A steep rise: the prediction exceeds every reference count, so the trend is dropped by noExtrapolation.
set.seed(707)
n <- weeksUntil(2019, 2025, 52)
i <- seq_len(n) - 1
series$steep <- list(first = 2019, y = rpois(n, exp(log(5) + 0.006 * i + season(i, 0.1))))

fmt <- function(x) ifelse(is.na(x), "NA", trimws(formatC(x, digits = 15, format = "g")))

for (name in names(series)) {
  s <- series[[name]]
  n <- length(s$y)
  weeks <- isoWeeks(s$first, n)
  first <- isoWeeks(s$first, 1)
  counts <- sts(observed = matrix(s$y, ncol = 1), start = c(first$isoYear, first$isoWeek), frequency = 52)
  fit <- farringtonFlexible(counts, control = control)
  tested <- control$b * 52 + control$w + 1
  expected <- rep(NA_real_, n)
  threshold <- rep(NA_real_, n)
  alarm <- rep(NA, n)
  trend <- rep(NA_real_, n)
  range <- tested:n
  expected[range] <- fit@control$expected[, 1]
  threshold[range] <- upperbound(fit)[, 1]
  alarm[range] <- alarms(fit)[, 1]
  trend[range] <- fit@control$trend[, 1]
  out <- data.frame(index = seq_len(n) - 1, isoYear = weeks$isoYear, isoWeek = weeks$isoWeek, count = s$y,
                    expected = fmt(expected), threshold = fmt(threshold),
                    alarm = ifelse(is.na(alarm), "NA", ifelse(alarm, "true", "false")),
                    trend = ifelse(is.na(trend), "NA", trend))
  write.csv(out, sprintf("golden-%s.csv", name), row.names = FALSE, quote = FALSE)
  cat(name, ": ", n, " weeks, ", sum(!is.na(expected)), " with figures, ", sum(alarm, na.rm = TRUE), " alarms, trend kept in ", sum(trend, na.rm = TRUE), "\n",
      sep = "")
}
