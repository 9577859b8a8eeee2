import Testing

@testable import AftershockForecast

@Suite struct ShiftedBetaGeometricTests {
  private func cohorts() throws -> (regular: [Double], highEnd: [Double]) {
    let rows = try FixtureLoader.rows("forecast-fader-hardie-2007.csv")
    return (rows.map { Double($0[1])! }, rows.map { Double($0[2])! })
  }

  /// Fader & Hardie (2007): fit on years 1-7, alpha/beta within 0.005 of the published values,
  /// projected survivors for years 8-12 within 1 of the reference projection.
  @Test func reproducesFaderHardieRegularCohort() throws {
    let survivors = try cohorts().regular
    let model = try ShiftedBetaGeometric().fit(survivors: Array(survivors[0...7]))
    #expect(abs(model.alpha - 0.704) < 0.005, "alpha \(model.alpha)")
    #expect(abs(model.beta - 1.182) < 0.005, "beta \(model.beta)")
    #expect(abs(model.logLikelihood - (-1680.27)) < 0.01, "LL \(model.logLikelihood)")
    let projected = model.projection(periods: 8...12).map(\.expectedSurvivors)
    for (value, reference) in zip(projected, [220.1, 204.4, 191.2, 179.9, 170.0]) {
      #expect(abs(value - reference) < 1, "projected \(projected)")
    }
  }

  @Test func reproducesFaderHardieHighEndCohort() throws {
    let survivors = try cohorts().highEnd
    let model = try ShiftedBetaGeometric().fit(survivors: Array(survivors[0...7]))
    #expect(abs(model.alpha - 0.668) < 0.005, "alpha \(model.alpha)")
    #expect(abs(model.beta - 3.806) < 0.005, "beta \(model.beta)")
    #expect(abs(model.logLikelihood - (-1611.16)) < 0.01, "LL \(model.logLikelihood)")
    let projected = model.projection(periods: 8...12).map(\.expectedSurvivors)
    for (value, reference) in zip(projected, [460.4, 435.8, 414.2, 395.1, 378.0]) {
      #expect(abs(value - reference) < 1, "projected \(projected)")
    }
  }

  @Test func projectionIntervalsBracketTheEstimateAndActuals() throws {
    let survivors = try cohorts().regular
    let model = try ShiftedBetaGeometric().fit(survivors: Array(survivors[0...7]))
    #expect(model.alphaStandardError > 0 && model.alphaStandardError < model.alpha)
    #expect(model.betaStandardError > 0 && model.betaStandardError < model.beta)
    for projection in model.projection(periods: 8...12) {
      #expect(projection.lowerSurvivors < projection.expectedSurvivors)
      #expect(projection.expectedSurvivors < projection.upperSurvivors)
    }
    // Retention rates rise with tenure (the sBG's sorting effect) and match eq. 4.
    #expect(model.retentionRate(period: 2) < model.retentionRate(period: 8))
    #expect(abs(model.survival(period: 2) - model.retentionRate(period: 1) * model.retentionRate(period: 2)) < 1e-12)
  }

  /// The same cohort as account histories (start day 0, annual periods, as-of the end of year 7)
  /// gives the same fit; late starters only add censored periods.
  @Test func accountHistoriesFitLikeSurvivorCounts() throws {
    let survivors = try cohorts().regular
    var histories: [AccountHistory] = []
    for year in 1...7 {
      let lost = Int(survivors[year - 1] - survivors[year])
      for index in 0..<lost {
        histories.append(
          AccountHistory(
            accountID: "y\(year)-\(index)", segment: "regular", arr: 1, startDay: 0, churnDay: year * 365 - 10))
      }
    }
    for index in 0..<Int(survivors[7]) {
      histories.append(AccountHistory(accountID: "s\(index)", segment: "regular", arr: 1, startDay: 0, churnDay: 4_000))
    }
    let fromCounts = try ShiftedBetaGeometric().fit(survivors: Array(survivors[0...7]))
    let fromHistories = try ShiftedBetaGeometric().fit(histories: histories, asOfDay: 7 * 365, periodDays: 365)
    #expect(abs(fromHistories.alpha - fromCounts.alpha) < 1e-4 && abs(fromHistories.beta - fromCounts.beta) < 1e-4)
    #expect(abs(fromHistories.logLikelihood - fromCounts.logLikelihood) < 1e-6)
    let shape = SurvivalShape(model: fromHistories, periodDays: 365)
    #expect(shape.survival(at: 364) == 1 && abs(shape.survival(at: 365) - fromHistories.survival(period: 1)) < 1e-15)
  }

  @Test func risingSurvivorCountIsRejected() {
    #expect(throws: ForecastError.self) {
      try ShiftedBetaGeometric().fit(survivors: [100, 80, 90])
    }
  }
}
