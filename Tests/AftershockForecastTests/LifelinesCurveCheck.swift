import AftershockForecast
import Testing

/// Checks a Kaplan–Meier curve row by row against lifelines' (time, at risk, events, survival,
/// lower, upper) and its median, the largest survival or bound difference under `tolerance`.
func expectCurveMatchesLifelines(
  _ curve: KaplanMeierCurve, _ reference: [(Double, Int, Int, Double, Double, Double)], median: Double,
  tolerance: Double
) {
  #expect(curve.times.count == reference.count, "timeline length")
  var maxDifference = 0.0
  for (index, row) in reference.enumerated() where index < curve.times.count {
    #expect(curve.times[index] == row.0)
    #expect(curve.atRisk[index] == row.1, "at risk at \(row.0)")
    #expect(curve.events[index] == row.2, "events at \(row.0)")
    maxDifference = max(
      maxDifference, abs(curve.survival[index] - row.3), abs(curve.lower[index] - row.4),
      abs(curve.upper[index] - row.5))
  }
  #expect(maxDifference < tolerance, "max abs difference vs lifelines \(maxDifference)")
  #expect(curve.medianSurvival == median)
}
