"""Budget tables: load finance exports, compute sums and deviations, check declared totals."""
